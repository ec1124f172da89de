package dev.kafkacourse.session04;

import java.util.List;

/** One statement of an IAM policy: {@code {"Sid", "Effect", "Action": [...], "Resource": [...]}}. */
public record PolicyStatement(String sid, String effect, List<String> actions, List<String> resources) {
    public PolicyStatement {
        actions = List.copyOf(actions);
        resources = List.copyOf(resources);
    }

    public static PolicyStatement allow(String sid, List<String> actions, List<String> resources) {
        return new PolicyStatement(sid, "Allow", actions, resources);
    }
}
