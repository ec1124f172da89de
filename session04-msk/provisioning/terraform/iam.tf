# Least privilege for MSK IAM access control: each application gets the kafka-cluster actions it uses, on the
# exact cluster, topics and group it uses. Nothing may create, delete or reconfigure topics or the cluster.
data "aws_caller_identity" "current" {}

locals {
  arn_prefix = "arn:aws:kafka:${var.region}:${data.aws_caller_identity.current.account_id}"
  cluster_id = "${aws_msk_cluster.this.cluster_name}/${aws_msk_cluster.this.cluster_uuid}"
  topic_arn  = "${local.arn_prefix}:topic/${local.cluster_id}"
  group_arn  = "${local.arn_prefix}:group/${local.cluster_id}"
}

# The collector only produces ad-events (idempotently: the default of Kafka clients since 3.0).
data "aws_iam_policy_document" "collector" {
  statement {
    sid       = "Connect"
    actions   = ["kafka-cluster:Connect", "kafka-cluster:WriteDataIdempotently"]
    resources = [aws_msk_cluster.this.arn]
  }
  statement {
    sid       = "ProduceAdEvents"
    actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"]
    resources = ["${local.topic_arn}/ad-events"]
  }
}

# The stats app reads ad-events in its group and writes ad-stats-1m and the dead-letter topic.
data "aws_iam_policy_document" "stats" {
  statement {
    sid       = "Connect"
    actions   = ["kafka-cluster:Connect", "kafka-cluster:WriteDataIdempotently"]
    resources = [aws_msk_cluster.this.arn]
  }
  statement {
    sid       = "ConsumeAdEvents"
    actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"]
    resources = ["${local.topic_arn}/ad-events"]
  }
  statement {
    sid       = "StatsGroup"
    actions   = ["kafka-cluster:AlterGroup", "kafka-cluster:DescribeGroup"]
    resources = ["${local.group_arn}/${var.stats_group}"]
  }
  statement {
    sid       = "ProduceStatsAndDeadLetters"
    actions   = ["kafka-cluster:DescribeTopic", "kafka-cluster:WriteData"]
    resources = ["${local.topic_arn}/ad-stats-1m", "${local.topic_arn}/${var.dlq_topic}"]
  }
}

resource "aws_iam_policy" "collector" {
  name   = "${var.name}-collector"
  policy = data.aws_iam_policy_document.collector.json
}

resource "aws_iam_policy" "stats" {
  name   = "${var.name}-stats"
  policy = data.aws_iam_policy_document.stats.json
}
