package dev.kafkacourse.session04;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Scaling changes to the course's templates, made the way an operator makes them: by editing the code (a parameter
 * or variable default, a resource) and checking the result against the template in use before applying it. One
 * change is the scale-out the course recommends; the others carry one typical mistake each. Like
 * {@link BrokenCopies}, an edit that no longer applies fails loudly.
 */
public final class ScalingChanges {

    /** In {@code file}, replace {@code from} with {@code to}. */
    public record Edit(String file, String from, String to) {
    }

    /** A change to the templates; {@code accepted} says whether the checks must let it through. */
    public record Change(String name, boolean accepted, List<Edit> edits) implements TemplateCopies.EditSet {
        @Override
        public String apply(String file, String text) {
            for (Edit edit : edits) {
                if (!edit.file().equals(file)) {
                    continue;
                }
                if (text.indexOf(edit.from()) < 0 || text.indexOf(edit.from()) != text.lastIndexOf(edit.from())) {
                    throw new IllegalStateException("Change " + name + " no longer applies to " + file
                            + ": the text '" + edit.from() + "' is gone or not unique. Update ScalingChanges with the"
                            + " template.");
                }
                text = text.replace(edit.from(), edit.to());
            }
            return text;
        }
    }

    private static final String CFN = "msk-cluster.yaml";

    public static final List<Change> CLOUDFORMATION = List.of(
            new Change("scale-out", true, List.of(
                    new Edit(CFN, "  BrokerCount:\n    Type: Number\n    Default: 3\n",
                            "  BrokerCount:\n    Type: Number\n    Default: 6\n"),
                    new Edit(CFN, "  BrokerVolumeSize:\n    Type: Number\n    Default: 100\n",
                            "  BrokerVolumeSize:\n    Type: Number\n    Default: 200\n"))),
            new Change("brokers-not-a-multiple-of-zones", false, List.of(
                    new Edit(CFN, "  BrokerCount:\n    Type: Number\n    Default: 3\n",
                            "  BrokerCount:\n    Type: Number\n    Default: 4\n"))),
            new Change("storage-shrink", false, List.of(
                    new Edit(CFN, "  BrokerVolumeSize:\n    Type: Number\n    Default: 100\n",
                            "  BrokerVolumeSize:\n    Type: Number\n    Default: 80\n"))),
            new Change("max-capacity-below-volume", false, List.of(
                    new Edit(CFN, "  MaxBrokerVolumeSize:\n    Type: Number\n    Default: 1000\n",
                            "  MaxBrokerVolumeSize:\n    Type: Number\n    Default: 80\n"))),
            new Change("utilization-target-too-high", false, List.of(
                    new Edit(CFN, "  StorageUtilizationTarget:\n    Type: Number\n    Default: 60\n",
                            "  StorageUtilizationTarget:\n    Type: Number\n    Default: 90\n"))),
            new Change("misspelled-scaling-key", false, List.of(
                    new Edit(CFN, "      MaxCapacity: !Ref MaxBrokerVolumeSize\n",
                            "      MaximumCapacity: !Ref MaxBrokerVolumeSize\n"))));

    public static final List<Change> TERRAFORM = List.of(
            new Change("scale-out", true, List.of(
                    new Edit("variables.tf", "  default     = 3\n", "  default     = 6\n"),
                    new Edit("variables.tf", "  default     = 100\n", "  default     = 200\n"))),
            new Change("brokers-not-a-multiple-of-zones", false, List.of(
                    new Edit("variables.tf", "  default     = 3\n", "  default     = 4\n"))),
            new Change("storage-shrink", false, List.of(
                    new Edit("variables.tf", "  default     = 100\n", "  default     = 80\n"))),
            new Change("max-capacity-below-volume", false, List.of(
                    new Edit("variables.tf", "  default     = 1000\n", "  default     = 80\n"))),
            new Change("utilization-target-too-high", false, List.of(
                    new Edit("variables.tf", "  default     = 60\n", "  default     = 90\n"))),
            new Change("misspelled-scaling-key", false, List.of(
                    new Edit("msk.tf", "  max_capacity       = var.broker_volume_max_size\n",
                            "  maximum_capacity   = var.broker_volume_max_size\n"))),
            new Change("auto-scaling-without-ignore-changes", false, List.of(
                    new Edit("msk.tf", "  lifecycle {\n    ignore_changes = [broker_node_group_info[0].storage_info[0]"
                            + ".ebs_storage_info[0].volume_size]\n  }\n", ""))));

    private ScalingChanges() {
    }

    /** The CloudFormation template after each change, one file per change in {@code dir}. */
    public static Map<String, Path> cloudFormation(Path template, Path dir) {
        return TemplateCopies.cloudFormation(template, dir, "change-", CLOUDFORMATION);
    }

    /** The Terraform module after each change, one module folder per change in {@code dir}. */
    public static Map<String, Path> terraform(Path module, Path dir) {
        return TemplateCopies.terraform(module, dir, "change-", TERRAFORM);
    }

    static boolean accepted(String format, String name) {
        return (format.equals("cloudformation") ? CLOUDFORMATION : TERRAFORM).stream()
                .filter(c -> c.name().equals(name)).findFirst().orElseThrow().accepted();
    }
}
