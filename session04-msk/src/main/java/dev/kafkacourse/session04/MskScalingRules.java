package dev.kafkacourse.session04;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The scaling rules of the course's MSK provisioning, checked on the parsed documents like {@link MskTemplateRules}:
 * what a template says about broker count and storage (parameters and variables read at their defaults), and what
 * a change from the template in use to a new one may do. A schema says the scaling resources are well formed; these
 * say MSK will carry the change out:
 * <ul>
 * <li>the broker count is a multiple of the availability zones (the client subnets): MSK puts the same number of
 * brokers in every zone;</li>
 * <li>a broker's EBS volume is 1 to 16384 GiB and never shrinks: MSK cannot make a volume smaller;</li>
 * <li>storage auto scaling targets the cluster's {@code kafka:broker-storage:VolumeSize}, may grow above the current
 * size (its maximum is above the volume, at most 16384 GiB) and tracks {@code KafkaBrokerStorageUtilization} at a
 * target MSK accepts (10 to 80 percent);</li>
 * <li>Terraform leaves the auto-scaled volume size alone ({@code lifecycle.ignore_changes}), or its next apply
 * tries to set the volume back: a shrink.</li>
 * </ul>
 */
public final class MskScalingRules {

    static final int MAX_VOLUME_GIB = 16384;
    static final String STORAGE_DIMENSION = "kafka:broker-storage:VolumeSize";
    static final String STORAGE_METRIC = "KafkaBrokerStorageUtilization";
    private static final Pattern TF_VAR = Pattern.compile("^\\$\\{var\\.([A-Za-z0-9_]+)}$");

    private MskScalingRules() {
    }

    /** A template's scaling, values resolved to numbers where they can be (null where not). */
    record Scaling(String where, Integer brokers, int zones, Integer volume, boolean autoScaling, Integer maxVolume,
            Integer targetValue) {
    }

    /**
     * The proposed template's own violations and those of the change to it; the template in use is only read
     * (its own violations are not this change's).
     */
    private static List<String> judge(JsonNode current, JsonNode proposed,
            BiFunction<JsonNode, List<String>, Scaling> scaling) {
        List<String> violations = new ArrayList<>();
        Scaling now = scaling.apply(current, new ArrayList<>());
        Scaling next = scaling.apply(proposed, violations);
        checkChange(now, next, violations);
        return violations;
    }

    // ------------------------------------------------------------------------------------------ CloudFormation

    /** The violations of the proposed template, and of the change from {@code current} to it. */
    public static List<String> cloudFormation(JsonNode current, JsonNode proposed) {
        return judge(current, proposed, MskScalingRules::cfnScaling);
    }

    static Scaling cfnScaling(JsonNode template, List<String> violations) {
        JsonNode resources = template.path("Resources");
        String clusterId = null;
        for (Map.Entry<String, JsonNode> resource : resources.properties()) {
            if ("AWS::MSK::Cluster".equals(resource.getValue().path("Type").asString(""))) {
                clusterId = resource.getKey();
            }
        }
        if (clusterId == null) {
            violations.add("Resources: no AWS::MSK::Cluster");
            return new Scaling("Resources", null, 0, null, false, null, null);
        }
        String where = "Resources." + clusterId + ".Properties";
        JsonNode props = resources.path(clusterId).path("Properties");
        Integer brokers = cfnNumber(template, props.path("NumberOfBrokerNodes"));
        int zones = props.path("BrokerNodeGroupInfo").path("ClientSubnets").size();
        Integer volume = cfnNumber(template, props.path("BrokerNodeGroupInfo").path("StorageInfo")
                .path("EBSStorageInfo").path("VolumeSize"));
        checkCluster(where + ".NumberOfBrokerNodes", brokers, where + ".BrokerNodeGroupInfo.ClientSubnets", zones,
                where + ".BrokerNodeGroupInfo.StorageInfo.EBSStorageInfo.VolumeSize", volume, violations);

        boolean autoScaling = false;
        Integer maxVolume = null;
        Integer targetValue = null;
        for (Map.Entry<String, JsonNode> target : resources.properties()) {
            JsonNode t = target.getValue().path("Properties");
            if (!"AWS::ApplicationAutoScaling::ScalableTarget".equals(target.getValue().path("Type").asString(""))
                    || !clusterId.equals(t.path("ResourceId").path("Ref").asString(""))) {
                continue;
            }
            autoScaling = true;
            String at = "Resources." + target.getKey() + ".Properties";
            maxVolume = cfnNumber(template, t.path("MaxCapacity"));
            checkTarget(at + ".ServiceNamespace", t.path("ServiceNamespace").asString(""),
                    at + ".ScalableDimension", t.path("ScalableDimension").asString(""),
                    at + ".MaxCapacity", maxVolume, volume, violations);
            boolean policy = false;
            for (Map.Entry<String, JsonNode> p : resources.properties()) {
                JsonNode pp = p.getValue().path("Properties");
                if ("AWS::ApplicationAutoScaling::ScalingPolicy".equals(p.getValue().path("Type").asString(""))
                        && target.getKey().equals(pp.path("ScalingTargetId").path("Ref").asString(""))) {
                    policy = true;
                    String pw = "Resources." + p.getKey() + ".Properties";
                    JsonNode config = pp.path("TargetTrackingScalingPolicyConfiguration");
                    targetValue = cfnNumber(template, config.path("TargetValue"));
                    checkPolicy(pw + ".PolicyType", pp.path("PolicyType").asString(""),
                            pw + ".TargetTrackingScalingPolicyConfiguration.PredefinedMetricSpecification"
                                    + ".PredefinedMetricType",
                            config.path("PredefinedMetricSpecification").path("PredefinedMetricType").asString(""),
                            pw + ".TargetTrackingScalingPolicyConfiguration.TargetValue", targetValue, violations);
                }
            }
            if (!policy) {
                violations.add(at + ": a scalable target without an AWS::ApplicationAutoScaling::ScalingPolicy"
                        + " never scales");
            }
        }
        return new Scaling(where, brokers, zones, volume, autoScaling, maxVolume, targetValue);
    }

    /** A number written in the template, or the default of the parameter it refers to. */
    private static Integer cfnNumber(JsonNode template, JsonNode value) {
        JsonNode ref = value.path("Ref");
        if (ref.isString()) {
            value = template.path("Parameters").path(ref.asString()).path("Default");
        }
        return number(value);
    }

    // ------------------------------------------------------------------------------------------ Terraform

    /** The violations of the proposed module, and of the change from {@code current} to it. */
    public static List<String> terraform(JsonNode current, JsonNode proposed) {
        return judge(current, proposed, MskScalingRules::tfScaling);
    }

    static Scaling tfScaling(JsonNode module, List<String> violations) {
        JsonNode resources = module.path("resource");
        Map.Entry<String, JsonNode> cluster = resources.path("aws_msk_cluster").properties().stream().findFirst()
                .orElse(null);
        if (cluster == null) {
            violations.add("resource: no aws_msk_cluster");
            return new Scaling("resource", null, 0, null, false, null, null);
        }
        String where = "aws_msk_cluster." + cluster.getKey();
        JsonNode body = cluster.getValue().path(0);
        JsonNode nodes = body.path("broker_node_group_info").path(0);
        Integer brokers = tfNumber(module, body.path("number_of_broker_nodes"));
        Matcher subnet = Pattern.compile("aws_subnet\\.([A-Za-z0-9_-]+)").matcher(nodes.path("client_subnets")
                .toString());
        Integer zones = subnet.find()
                ? tfNumber(module, resources.path("aws_subnet").path(subnet.group(1)).path(0).path("count")) : null;
        Integer volume = tfNumber(module, nodes.path("storage_info").path(0).path("ebs_storage_info").path(0)
                .path("volume_size"));
        checkCluster(where + ".number_of_broker_nodes", brokers, where + ".broker_node_group_info.client_subnets",
                zones == null ? 0 : zones, where + ".broker_node_group_info.storage_info.ebs_storage_info.volume_size",
                volume, violations);

        boolean autoScaling = false;
        Integer maxVolume = null;
        Integer targetValue = null;
        String clusterArn = "${aws_msk_cluster." + cluster.getKey() + ".arn}";
        for (Map.Entry<String, JsonNode> target : resources.path("aws_appautoscaling_target").properties()) {
            JsonNode t = target.getValue().path(0);
            if (!clusterArn.equals(t.path("resource_id").asString(""))) {
                continue;
            }
            autoScaling = true;
            String at = "aws_appautoscaling_target." + target.getKey();
            maxVolume = tfNumber(module, t.path("max_capacity"));
            checkTarget(at + ".service_namespace", t.path("service_namespace").asString(""),
                    at + ".scalable_dimension", t.path("scalable_dimension").asString(""),
                    at + ".max_capacity", maxVolume, volume, violations);
            boolean policy = false;
            for (Map.Entry<String, JsonNode> p : resources.path("aws_appautoscaling_policy").properties()) {
                JsonNode pb = p.getValue().path(0);
                if (!pb.path("resource_id").asString("").contains("aws_appautoscaling_target." + target.getKey())
                        && !clusterArn.equals(pb.path("resource_id").asString(""))) {
                    continue;
                }
                policy = true;
                String pw = "aws_appautoscaling_policy." + p.getKey();
                JsonNode config = pb.path("target_tracking_scaling_policy_configuration").path(0);
                targetValue = tfNumber(module, config.path("target_value"));
                checkPolicy(pw + ".policy_type", pb.path("policy_type").asString(""),
                        pw + ".target_tracking_scaling_policy_configuration.predefined_metric_specification"
                                + ".predefined_metric_type",
                        config.path("predefined_metric_specification").path(0).path("predefined_metric_type")
                                .asString(""),
                        pw + ".target_tracking_scaling_policy_configuration.target_value", targetValue, violations);
            }
            if (!policy) {
                violations.add(at + ": a scalable target without an aws_appautoscaling_policy never scales");
            }
            if (!body.path("lifecycle").path(0).path("ignore_changes").toString().contains("volume_size")) {
                violations.add(where + " has storage auto scaling but no lifecycle { ignore_changes = [...volume_size] }:"
                        + " the next apply sets the grown volume back to " + volume + " GiB, a shrink MSK refuses");
            }
        }
        return new Scaling(where, brokers, zones == null ? 0 : zones, volume, autoScaling, maxVolume, targetValue);
    }

    /** A number written in the module, or the default of the variable it refers to ({@code ${var.x}}). */
    private static Integer tfNumber(JsonNode module, JsonNode value) {
        Matcher var = TF_VAR.matcher(value.asString(""));
        if (var.matches()) {
            value = module.path("variable").path(var.group(1)).path(0).path("default");
        }
        return number(value);
    }

    // ------------------------------------------------------------------------------------------ shared

    private static void checkCluster(String brokersAt, Integer brokers, String zonesAt, int zones, String volumeAt,
            Integer volume, List<String> violations) {
        if (brokers != null && zones > 0 && brokers % zones != 0) {
            violations.add(brokersAt + " is " + brokers + ": MSK needs a multiple of the " + zones
                    + " availability zones (" + zonesAt + "), the same number of brokers in each");
        }
        if (volume != null && (volume < 1 || volume > MAX_VOLUME_GIB)) {
            violations.add(volumeAt + " is " + volume + " GiB: a broker's EBS volume is 1 to " + MAX_VOLUME_GIB
                    + " GiB");
        }
    }

    private static void checkTarget(String namespaceAt, String namespace, String dimensionAt, String dimension,
            String maxAt, Integer max, Integer volume, List<String> violations) {
        if (!namespace.equals("kafka")) {
            violations.add(namespaceAt + " is " + namespace + ": MSK storage scales in the namespace kafka");
        }
        if (!dimension.equals(STORAGE_DIMENSION)) {
            violations.add(dimensionAt + " is " + dimension + ": MSK storage scales on " + STORAGE_DIMENSION);
        }
        if (max != null && volume != null && max <= volume) {
            violations.add(maxAt + " is " + max + " GiB, not above the volume size (" + volume + " GiB): storage"
                    + " auto scaling could never grow the volume");
        }
        if (max != null && max > MAX_VOLUME_GIB) {
            violations.add(maxAt + " is " + max + " GiB: MSK gives a broker at most " + MAX_VOLUME_GIB + " GiB");
        }
    }

    private static void checkPolicy(String typeAt, String type, String metricAt, String metric, String targetAt,
            Integer target, List<String> violations) {
        if (!type.equals("TargetTrackingScaling")) {
            violations.add(typeAt + " is " + type + ": MSK storage scales with a TargetTrackingScaling policy");
        }
        if (!metric.equals(STORAGE_METRIC)) {
            violations.add(metricAt + " is " + metric + ": MSK storage tracks " + STORAGE_METRIC);
        }
        if (target != null && (target < 10 || target > 80)) {
            violations.add(targetAt + " is " + target + ": MSK accepts a storage utilization target of 10 to 80"
                    + " percent");
        }
    }

    /** What a change from the template in use to a new one may not do. */
    private static void checkChange(Scaling now, Scaling next, List<String> violations) {
        if (now.volume() != null && next.volume() != null && next.volume() < now.volume()) {
            violations.add("change: " + next.where() + " volume size " + now.volume() + " -> " + next.volume()
                    + " GiB shrinks the brokers' storage, which MSK cannot do (a smaller volume means a new cluster"
                    + " and a migration)");
        }
        if (now.autoScaling() && !next.autoScaling()) {
            violations.add("change: " + next.where() + " drops storage auto scaling: volumes it already grew stay"
                    + " larger than the template says");
        }
    }

    private static Integer number(JsonNode value) {
        if (value.isIntegralNumber()) {
            return value.asInt();
        }
        String text = value.asString("");
        return text.matches("-?\\d+") ? Integer.valueOf(text) : null;
    }
}
