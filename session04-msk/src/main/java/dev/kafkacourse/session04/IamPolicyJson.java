package dev.kafkacourse.session04;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Renders policy statements as the JSON document IAM takes ({@code aws iam create-policy --policy-document}). */
public final class IamPolicyJson {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private IamPolicyJson() {
    }

    public static String render(List<PolicyStatement> statements) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Version", "2012-10-17");
        document.put("Statement", statements.stream().map(IamPolicyJson::statement).toList());
        return JSON.writeValueAsString(document);
    }

    private static Map<String, Object> statement(PolicyStatement s) {
        Map<String, Object> out = new LinkedHashMap<>(); // IAM's own key order, for people reading it
        out.put("Sid", s.sid());
        out.put("Effect", s.effect());
        out.put("Action", s.actions());
        out.put("Resource", s.resources());
        return out;
    }
}
