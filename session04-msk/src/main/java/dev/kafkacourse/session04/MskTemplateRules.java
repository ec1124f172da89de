package dev.kafkacourse.session04;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The security rules of the course's MSK provisioning, checked on the parsed documents (a schema says what is
 * valid, these say what is safe): TLS only between clients and brokers, authenticated clients only, brokers in
 * three private subnets of three zones, broker ingress from the client security group only and only on a TLS
 * listener's port, and IAM statements without wildcards.
 */
public final class MskTemplateRules {

    /** MSK's in-VPC listeners that carry TLS: 9094 TLS, 9096 SASL/SCRAM, 9098 IAM. 9092 is plaintext. */
    static final Set<Integer> TLS_LISTENER_PORTS = Set.of(9094, 9096, 9098);
    private static final Pattern TF_REF = Pattern.compile("aws_subnet\\.([A-Za-z0-9_-]+)");

    private MskTemplateRules() {
    }

    // ------------------------------------------------------------------------------------------ CloudFormation

    public static List<String> cloudFormation(JsonNode template) {
        List<String> violations = new ArrayList<>();
        JsonNode resources = template.path("Resources");
        Set<String> brokerGroups = new HashSet<>();
        int clusters = 0;
        for (Map.Entry<String, JsonNode> resource : resources.properties()) {
            if (!"AWS::MSK::Cluster".equals(resource.getValue().path("Type").asString(""))) {
                continue;
            }
            clusters++;
            String where = "Resources." + resource.getKey() + ".Properties";
            JsonNode props = resource.getValue().path("Properties");
            JsonNode transit = props.path("EncryptionInfo").path("EncryptionInTransit");
            requireTls(transit.path("ClientBroker").asString("(not set)"), where + ".EncryptionInfo.EncryptionInTransit.ClientBroker", violations);
            if (transit.path("InCluster").asString("true").equals("false")) {
                violations.add(where + ".EncryptionInfo.EncryptionInTransit.InCluster is false: brokers would replicate in plaintext");
            }
            JsonNode auth = props.path("ClientAuthentication");
            if (auth.path("Unauthenticated").path("Enabled").asString("false").equals("true")) {
                violations.add(where + ".ClientAuthentication.Unauthenticated.Enabled is true: anyone who reaches a broker may use it");
            }
            boolean iam = auth.path("Sasl").path("Iam").path("Enabled").asString("false").equals("true");
            boolean scram = auth.path("Sasl").path("Scram").path("Enabled").asString("false").equals("true");
            if (!iam && !scram && auth.path("Tls").isMissingNode()) {
                violations.add(where + ".ClientAuthentication enables no client authentication (Sasl.Iam, Sasl.Scram or Tls)");
            }
            JsonNode nodes = props.path("BrokerNodeGroupInfo");
            List<String> subnets = refs(nodes.path("ClientSubnets"));
            if (subnets.size() != 3) {
                violations.add(where + ".BrokerNodeGroupInfo.ClientSubnets has " + subnets.size() + " subnets: use three private subnets in three availability zones");
            }
            Set<String> zones = new HashSet<>();
            for (String subnet : subnets) {
                JsonNode subnetProps = resources.path(subnet).path("Properties");
                if (subnetProps.path("MapPublicIpOnLaunch").asString("false").equals("true")) {
                    violations.add("Resources." + subnet + ".Properties.MapPublicIpOnLaunch is true: broker subnets must be private");
                }
                if (!zones.add(subnetProps.path("AvailabilityZone").toString())) {
                    violations.add("Resources." + subnet + " is in the same availability zone as another broker subnet");
                }
            }
            brokerGroups.addAll(refs(nodes.path("SecurityGroups")));
        }
        if (clusters == 0) {
            violations.add("Resources: no AWS::MSK::Cluster");
        }
        for (Map.Entry<String, JsonNode> resource : resources.properties()) {
            String type = resource.getValue().path("Type").asString("");
            JsonNode props = resource.getValue().path("Properties");
            String where = "Resources." + resource.getKey() + ".Properties";
            if (type.equals("AWS::EC2::SecurityGroupIngress") && brokerGroups.contains(props.path("GroupId").path("Ref").asString(""))) {
                checkCfnIngress(props, where, violations);
            }
            if (type.equals("AWS::EC2::SecurityGroup") && brokerGroups.contains(resource.getKey())) {
                int i = 0;
                for (JsonNode rule : props.path("SecurityGroupIngress")) {
                    checkCfnIngress(rule, where + ".SecurityGroupIngress[" + i++ + "]", violations);
                }
            }
            if (type.equals("AWS::IAM::ManagedPolicy") || type.equals("AWS::IAM::Policy")) {
                int i = 0;
                for (JsonNode statement : listOf(props.path("PolicyDocument").path("Statement"))) {
                    String at = where + ".PolicyDocument.Statement[" + i++ + "]";
                    listOf(statement.path("Action")).forEach(a -> checkAction(a.asString(""), at, violations));
                    listOf(statement.path("Resource")).forEach(r -> checkResource(cfnString(r), at, violations));
                }
            }
        }
        return violations;
    }

    private static void checkCfnIngress(JsonNode rule, String where, List<String> violations) {
        for (String range : List.of("CidrIp", "CidrIpv6", "SourcePrefixListId")) {
            if (rule.has(range)) {
                violations.add(where + "." + range + " = " + rule.get(range).asString("") + ": brokers must admit the client "
                        + "security group (SourceSecurityGroupId), not an address range" + (isOpenToAll(rule.get(range).asString(""))
                                ? " (and this one is the whole internet)" : ""));
            }
        }
        if (!rule.has("SourceSecurityGroupId")) {
            violations.add(where + " has no SourceSecurityGroupId: only the client security group may reach the brokers");
        }
        checkPorts(rule.path("FromPort"), rule.path("ToPort"), where, violations);
    }

    private static String cfnString(JsonNode value) {
        JsonNode sub = value.path("Fn::Sub");
        if (!sub.isMissingNode()) {
            return sub.isArray() ? sub.get(0).asString("") : sub.asString("");
        }
        return value.isString() ? value.asString() : value.toString();
    }

    private static List<String> refs(JsonNode list) {
        List<String> names = new ArrayList<>();
        for (JsonNode item : list) {
            names.add(item.path("Ref").asString(item.toString()));
        }
        return names;
    }

    // ------------------------------------------------------------------------------------------ Terraform

    public static List<String> terraform(JsonNode module) {
        List<String> violations = new ArrayList<>();
        JsonNode resources = module.path("resource");
        JsonNode clusters = resources.path("aws_msk_cluster");
        if (clusters.isEmpty()) {
            violations.add("resource: no aws_msk_cluster");
        }
        for (Map.Entry<String, JsonNode> cluster : clusters.properties()) {
            String where = "aws_msk_cluster." + cluster.getKey();
            JsonNode body = cluster.getValue().path(0);
            JsonNode transit = body.path("encryption_info").path(0).path("encryption_in_transit").path(0);
            requireTls(transit.path("client_broker").asString("(not set)"), where + ".encryption_info.encryption_in_transit.client_broker", violations);
            if (transit.path("in_cluster").asString("true").equals("false")) {
                violations.add(where + ".encryption_info.encryption_in_transit.in_cluster is false: brokers would replicate in plaintext");
            }
            JsonNode auth = body.path("client_authentication").path(0);
            if (auth.path("unauthenticated").asString("false").equals("true")) {
                violations.add(where + ".client_authentication.unauthenticated is true: anyone who reaches a broker may use it");
            }
            if (auth.path("sasl").isMissingNode() && auth.path("tls").isMissingNode()) {
                violations.add(where + ".client_authentication enables no client authentication (sasl { iam / scram } or tls)");
            }
            JsonNode nodes = body.path("broker_node_group_info").path(0);
            Matcher subnetRef = TF_REF.matcher(nodes.path("client_subnets").toString());
            if (!subnetRef.find()) {
                violations.add(where + ".broker_node_group_info.client_subnets does not use the module's aws_subnet resources");
            } else {
                String subnet = "aws_subnet." + subnetRef.group(1);
                JsonNode subnetBody = resources.path("aws_subnet").path(subnetRef.group(1)).path(0);
                if (!subnetBody.path("count").asString("").equals("3")) {
                    violations.add(subnet + ".count is " + subnetBody.path("count").asString("(not set)") + ": use three private subnets in three availability zones");
                }
                if (!subnetBody.path("availability_zone").asString("").contains("count.index")) {
                    violations.add(subnet + ".availability_zone does not vary with count.index: the brokers would share a zone");
                }
                if (subnetBody.path("map_public_ip_on_launch").asString("false").equals("true")) {
                    violations.add(subnet + ".map_public_ip_on_launch is true: broker subnets must be private");
                }
            }
        }
        for (Map.Entry<String, JsonNode> rule : resources.path("aws_vpc_security_group_ingress_rule").properties()) {
            String where = "aws_vpc_security_group_ingress_rule." + rule.getKey();
            JsonNode body = rule.getValue().path(0);
            for (String range : List.of("cidr_ipv4", "cidr_ipv6", "prefix_list_id")) {
                if (body.has(range)) {
                    violations.add(where + "." + range + " = " + body.get(range).asString("") + ": brokers must admit the client "
                            + "security group (referenced_security_group_id), not an address range"
                            + (isOpenToAll(body.get(range).asString("")) ? " (and this one is the whole internet)" : ""));
                }
            }
            if (!body.has("referenced_security_group_id")) {
                violations.add(where + " has no referenced_security_group_id: only the client security group may reach the brokers");
            }
            checkPorts(body.path("from_port"), body.path("to_port"), where, violations);
        }
        for (Map.Entry<String, JsonNode> group : resources.path("aws_security_group").properties()) {
            for (JsonNode ingress : group.getValue().path(0).path("ingress")) {
                for (JsonNode cidr : ingress.path("cidr_blocks")) {
                    if (isOpenToAll(cidr.asString(""))) {
                        violations.add("aws_security_group." + group.getKey() + ".ingress admits " + cidr.asString() + ": the whole internet");
                    }
                }
            }
        }
        for (Map.Entry<String, JsonNode> document : module.path("data").path("aws_iam_policy_document").properties()) {
            int i = 0;
            for (JsonNode statement : document.getValue().path(0).path("statement")) {
                String at = "data.aws_iam_policy_document." + document.getKey() + ".statement[" + i++ + "]";
                statement.path("actions").forEach(a -> checkAction(a.asString(""), at, violations));
                statement.path("resources").forEach(r -> checkResource(r.asString(""), at, violations));
            }
        }
        return violations;
    }

    // ------------------------------------------------------------------------------------------ shared

    private static void requireTls(String clientBroker, String where, List<String> violations) {
        if (!clientBroker.equals("TLS")) {
            violations.add(where + " is " + clientBroker + ": set it to TLS (TLS_PLAINTEXT and PLAINTEXT let clients send in plaintext)");
        }
    }

    private static void checkPorts(JsonNode from, JsonNode to, String where, List<String> violations) {
        if (!from.toString().equals(to.toString())) {
            violations.add(where + " opens ports " + from + ".." + to + ": open exactly one listener port");
        } else if (from.isNumber() || from.asString("").matches("\\d+")) {
            int port = Integer.parseInt(from.asString(from.toString()));
            if (!TLS_LISTENER_PORTS.contains(port)) {
                violations.add(where + " opens port " + port + ": brokers should be reachable only on a TLS listener "
                        + "(9094 TLS, 9096 SASL/SCRAM, 9098 IAM)");
            }
        }
    }

    private static void checkAction(String action, String where, List<String> violations) {
        if (action.contains("*")) {
            violations.add(where + " allows " + action + ": name the kafka-cluster actions the application uses");
        }
    }

    private static void checkResource(String resource, String where, List<String> violations) {
        if (resource.equals("*") || resource.endsWith("/*") || resource.endsWith(":*")) {
            violations.add(where + " allows resource " + resource + ": name the exact cluster, topics and group");
        }
    }

    private static boolean isOpenToAll(String cidr) {
        return cidr.equals("0.0.0.0/0") || cidr.equals("::/0");
    }

    private static List<JsonNode> listOf(JsonNode node) {
        List<JsonNode> items = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(items::add);
        } else if (!node.isMissingNode()) {
            items.add(node);
        }
        return items;
    }
}
