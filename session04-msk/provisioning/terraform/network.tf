# A VPC with three private subnets in three availability zones: one broker per zone, no route to the internet.
data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_vpc" "this" {
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true # clients reach brokers by their b-N.<cluster>... names
  tags                 = { Name = var.name }
}

resource "aws_subnet" "private" {
  count                   = 3
  vpc_id                  = aws_vpc.this.id
  availability_zone       = data.aws_availability_zones.available.names[count.index]
  cidr_block              = cidrsubnet(var.vpc_cidr, 8, count.index + 1)
  map_public_ip_on_launch = false
  tags                    = { Name = "${var.name}-private-${count.index + 1}" }
}

# The pipeline's applications (collector, stats app) run with this security group ...
resource "aws_security_group" "client" {
  name        = "${var.name}-client"
  description = "Kafka clients of ${var.name}"
  vpc_id      = aws_vpc.this.id
}

# ... and the brokers admit exactly that group, on exactly the port of the chosen authentication.
resource "aws_security_group" "broker" {
  name        = "${var.name}-broker"
  description = "MSK brokers of ${var.name}"
  vpc_id      = aws_vpc.this.id
}

resource "aws_vpc_security_group_ingress_rule" "broker_from_clients" {
  security_group_id            = aws_security_group.broker.id
  referenced_security_group_id = aws_security_group.client.id
  ip_protocol                  = "tcp"
  from_port                    = local.client_port
  to_port                      = local.client_port
  description                  = "Kafka ${var.client_auth} listener, from the client security group only"
}

resource "aws_vpc_security_group_egress_rule" "client_to_brokers" {
  security_group_id            = aws_security_group.client.id
  referenced_security_group_id = aws_security_group.broker.id
  ip_protocol                  = "tcp"
  from_port                    = local.client_port
  to_port                      = local.client_port
  description                  = "Kafka ${var.client_auth} listener of the brokers"
}

locals {
  # MSK's listener ports inside the VPC: 9094 TLS, 9096 SASL/SCRAM, 9098 IAM (9092 plaintext is never opened).
  client_port = var.client_auth == "iam" ? 9098 : 9096
}
