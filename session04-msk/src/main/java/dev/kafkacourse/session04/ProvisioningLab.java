package dev.kafkacourse.session04;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import tools.jackson.databind.JsonNode;

/**
 * Lab: the CloudFormation template and the Terraform module of the MSK cluster, checked offline by real parsers
 * and the providers' schemas plus the course's security rules; then copies with one typical mistake each, and what
 * the checks say about them. Nothing is created in an AWS account.
 */
public final class ProvisioningLab {

    static final String CLOUDFORMATION = "session04-msk/provisioning/cloudformation/msk-cluster.yaml";
    static final String TERRAFORM = "session04-msk/provisioning/terraform";

    private ProvisioningLab() {
    }

    /** What the checks found, per checked file: schema errors and rule violations. */
    record Result(Map<String, List<String>> schemaErrors, Map<String, List<String>> violations) {
        List<String> findings(String name) {
            List<String> all = new ArrayList<>(schemaErrors.getOrDefault(name, List.of()));
            all.addAll(violations.getOrDefault(name, List.of()));
            return all;
        }
    }

    public static void main(String[] args) throws Exception {
        ProvisioningCheck.Availability tool = ProvisioningCheck.locate();
        if (tool.get().isEmpty()) {
            System.out.println("The provisioning check cannot run: " + tool.reason());
            System.exit(2);
        }
        run(tool.check(), Files.createTempDirectory("broken-templates"), System.out);
    }

    static Result run(ProvisioningCheck check, Path workDir, PrintStream out) {
        Path root = check.repositoryRoot();
        Map<String, List<String>> schema = new LinkedHashMap<>();
        Map<String, List<String>> rules = new LinkedHashMap<>();

        Map<String, Path> templates = new LinkedHashMap<>();
        templates.put("cloudformation", root.resolve(CLOUDFORMATION));
        BrokenCopies.cloudFormation(root.resolve(CLOUDFORMATION), workDir).forEach((k, v) -> templates.put("cloudformation/" + k, v));
        Map<String, Path> modules = new LinkedHashMap<>();
        modules.put("terraform", root.resolve(TERRAFORM));
        BrokenCopies.terraform(root.resolve(TERRAFORM), workDir).forEach((k, v) -> modules.put("terraform/" + k, v));
        // Scaling changes: each checked alone and as a change from the template in use (see MskScalingRules).
        ScalingChanges.cloudFormation(root.resolve(CLOUDFORMATION), workDir)
                .forEach((k, v) -> templates.put("cloudformation/change/" + k, v));
        ScalingChanges.terraform(root.resolve(TERRAFORM), workDir)
                .forEach((k, v) -> modules.put("terraform/change/" + k, v));

        long start = System.nanoTime();
        // Two node processes side by side: each spends most of its time loading its parser and schema.
        CompletableFuture<Map<Path, ProvisioningCheck.Report>> terraform =
                CompletableFuture.supplyAsync(() -> check.terraform(List.copyOf(modules.values())));
        Map<Path, ProvisioningCheck.Report> cfn = check.cloudFormation(List.copyOf(templates.values()));
        Map<Path, ProvisioningCheck.Report> tf = terraform.join();
        JsonNode cfnInUse = cfn.get(templates.get("cloudformation")).parsed();
        JsonNode tfInUse = tf.get(modules.get("terraform")).parsed();
        templates.forEach((name, file) -> record(name, cfn.get(file), doc -> both(MskTemplateRules.cloudFormation(doc),
                cfnInUse == null ? List.of() : MskScalingRules.cloudFormation(cfnInUse, doc)), schema, rules));
        modules.forEach((name, dir) -> record(name, tf.get(dir), doc -> both(MskTemplateRules.terraform(doc),
                tfInUse == null ? List.of() : MskScalingRules.terraform(tfInUse, doc)), schema, rules));
        long millis = (System.nanoTime() - start) / 1_000_000;

        out.println("Checked offline: YAML + AWS resource spec (CloudFormation), HCL parser + hashicorp/aws schema (Terraform), then the security rules and the scaling rules (change/...: a scaling change checked against the template in use)");
        for (String name : schema.keySet()) {
            List<String> findings = new ArrayList<>(schema.get(name));
            rules.get(name).forEach(v -> findings.add("rule: " + v));
            out.printf("%n%-44s %s%n", name, findings.isEmpty() ? "ACCEPTED" : "REJECTED (" + findings.size() + ")");
            findings.forEach(f -> out.println("    " + f));
        }
        out.printf("%n%d documents checked in %d ms%n", schema.size(), millis);
        return new Result(schema, rules);
    }

    private static List<String> both(List<String> security, List<String> scaling) {
        List<String> all = new ArrayList<>(security);
        all.addAll(scaling);
        return all;
    }

    private static void record(String name, ProvisioningCheck.Report report,
            java.util.function.Function<tools.jackson.databind.JsonNode, List<String>> ruleCheck,
            Map<String, List<String>> schema, Map<String, List<String>> rules) {
        schema.put(name, report.schemaErrors());
        rules.put(name, report.parsed() == null ? List.of() : ruleCheck.apply(report.parsed()));
    }
}
