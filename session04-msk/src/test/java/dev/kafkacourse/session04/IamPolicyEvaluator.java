package dev.kafkacourse.session04;

import java.util.List;
import java.util.regex.Pattern;

/**
 * IAM's decision for one request against one identity policy: allowed when some Allow statement matches the action
 * and the resource and no Deny statement does. Actions match case-insensitively, resources case-sensitively; in
 * both, {@code *} matches any run of characters and {@code ?} one character (IAM's policy grammar).
 */
final class IamPolicyEvaluator {

    private final List<PolicyStatement> statements;

    IamPolicyEvaluator(List<PolicyStatement> statements) {
        this.statements = statements;
    }

    boolean allows(String action, String resource) {
        boolean allowed = false;
        for (PolicyStatement statement : statements) {
            boolean matches = statement.actions().stream().anyMatch(a -> glob(a, true).matcher(action).matches())
                    && statement.resources().stream().anyMatch(r -> glob(r, false).matcher(resource).matches());
            if (matches && "Deny".equals(statement.effect())) {
                return false;
            }
            allowed |= matches && "Allow".equals(statement.effect());
        }
        return allowed;
    }

    private static Pattern glob(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE : 0);
    }
}
