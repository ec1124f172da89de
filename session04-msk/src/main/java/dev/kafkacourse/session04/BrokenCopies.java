package dev.kafkacourse.session04;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Copies of the course's templates with one typical mistake each, to show that the checks catch it. Each mistake
 * is one edit of the real file; an edit that no longer applies fails loudly instead of producing a "broken" copy
 * that is not broken.
 */
public final class BrokenCopies {

    /** One mistake: in {@code file}, replace {@code from} with {@code to}. */
    public record Mistake(String name, String file, String from, String to) implements TemplateCopies.EditSet {
        @Override
        public String apply(String templateFile, String text) {
            if (!templateFile.equals(file)) {
                return text;
            }
            if (!text.contains(from)) {
                throw new IllegalStateException("Mistake " + name + " no longer applies to " + file
                        + ": the text '" + from + "' is gone. Update BrokenCopies with the template.");
            }
            return text.replace(from, to);
        }
    }

    public static final List<Mistake> CLOUDFORMATION = List.of(
            new Mistake("misspelled-required-key", "msk-cluster.yaml",
                    "      KafkaVersion: !Ref KafkaVersion", "      KafkaVersoin: !Ref KafkaVersion"),
            new Mistake("plaintext-allowed", "msk-cluster.yaml", "ClientBroker: TLS\n", "ClientBroker: TLS_PLAINTEXT\n"),
            new Mistake("open-to-the-internet", "msk-cluster.yaml",
                    "      SourceSecurityGroupId: !Ref ClientSecurityGroup\n", "      CidrIp: 0.0.0.0/0\n"),
            new Mistake("wildcard-action", "msk-cluster.yaml",
                    "              - kafka-cluster:ReadData\n", "              - kafka-cluster:*\n"),
            new Mistake("not-yaml", "msk-cluster.yaml", "      NumberOfBrokerNodes: !Ref BrokerCount\n",
                    "      NumberOfBrokerNodes: !Ref BrokerCount\n     - oops\n"));

    public static final List<Mistake> TERRAFORM = List.of(
            new Mistake("misspelled-required-key", "msk.tf",
                    "  kafka_version          = var.kafka_version", "  kafka_verison          = var.kafka_version"),
            new Mistake("plaintext-allowed", "msk.tf", "client_broker = \"TLS\"", "client_broker = \"TLS_PLAINTEXT\""),
            new Mistake("open-to-the-internet", "network.tf",
                    "  referenced_security_group_id = aws_security_group.client.id\n  ip_protocol",
                    "  cidr_ipv4                    = \"0.0.0.0/0\"\n  ip_protocol"),
            new Mistake("wildcard-resource", "iam.tf", "\"${local.topic_arn}/ad-events\"]\n  }\n}\n\n# The stats",
                    "\"${local.topic_arn}/*\"]\n  }\n}\n\n# The stats"),
            new Mistake("unclosed-block", "msk.tf", "ebs_storage_info[0].volume_size]\n  }\n}\n",
                    "ebs_storage_info[0].volume_size]\n  }\n\n"));

    private BrokenCopies() {
    }

    /** The CloudFormation template with each mistake, one file per mistake in {@code dir}. */
    public static Map<String, Path> cloudFormation(Path template, Path dir) {
        return TemplateCopies.cloudFormation(template, dir, "", CLOUDFORMATION);
    }

    /** The Terraform module with each mistake, one module folder per mistake in {@code dir}. */
    public static Map<String, Path> terraform(Path module, Path dir) {
        return TemplateCopies.terraform(module, dir, "", TERRAFORM);
    }
}
