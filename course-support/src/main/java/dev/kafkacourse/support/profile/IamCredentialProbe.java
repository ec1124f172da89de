package dev.kafkacourse.support.profile;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.security.auth.callback.Callback;
import javax.security.auth.login.AppConfigurationEntry;

/**
 * Asks the aws-msk-iam-auth library, the way a client does at its SASL handshake, for AWS credentials: the same
 * provider chain (environment, system properties, ~/.aws profiles, container and instance roles), without a
 * cluster. Reflection keeps the library optional: only modules that connect with IAM carry its 38 jars.
 */
final class IamCredentialProbe {

    private static final String CALLBACK = "software.amazon.msk.auth.iam.internals.AWSCredentialsCallback";
    private static final Pattern PROFILE_NAME = Pattern.compile("awsProfileName=\"([^\"]*)\"");

    private IamCredentialProbe() {
    }

    /** Empty when credentials were found; otherwise why not, in the library's words. */
    static Optional<String> lookup(Map<String, Object> clientProperties) {
        try {
            ClassLoader loader = IamCredentialProbe.class.getClassLoader();
            Object handler = Class.forName(ConnectionProfile.IAM_CALLBACK_HANDLER, true, loader)
                    .getConstructor().newInstance();
            Map<String, Object> options = new java.util.HashMap<>();
            Matcher profile = PROFILE_NAME.matcher(String.valueOf(clientProperties.get("sasl.jaas.config")));
            if (profile.find()) {
                options.put("awsProfileName", profile.group(1));
            }
            // One look at the chain: the library retries a failed lookup with backoff, which helps at a real
            // handshake but only delays the answer here.
            options.put("awsMaxRetries", "0");
            AppConfigurationEntry entry = new AppConfigurationEntry(ConnectionProfile.IAM_LOGIN_MODULE,
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options);
            Class<?> handlerType = handler.getClass();
            handlerType.getMethod("configure", Map.class, String.class, List.class)
                    .invoke(handler, clientProperties, "AWS_MSK_IAM", List.of(entry));
            Object callback = Class.forName(CALLBACK, true, loader).getConstructor().newInstance();
            try {
                handlerType.getMethod("handle", Callback[].class).invoke(handler, (Object) new Callback[] {(Callback) callback});
            } finally {
                handlerType.getMethod("close").invoke(handler);
            }
            Method successful = callback.getClass().getMethod("isSuccessful");
            if ((Boolean) successful.invoke(callback)) {
                return Optional.empty();
            }
            Exception failure = (Exception) callback.getClass().getMethod("getLoadingException").invoke(callback);
            return Optional.of(failure == null ? "no credentials" : rootMessage(failure));
        } catch (ReflectiveOperationException e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ? e.getCause() : e;
            return Optional.of(rootMessage(cause));
        }
    }

    private static String rootMessage(Throwable failure) {
        String message = failure.getMessage();
        Throwable cause = failure.getCause();
        while ((message == null || message.isBlank()) && cause != null) {
            message = cause.getMessage();
            cause = cause.getCause();
        }
        String text = message == null ? failure.getClass().getSimpleName() : message;
        // The SDK appends every provider of the chain with its own message: the first sentence is what matters.
        int details = text.indexOf(" AwsCredentialsProviderChain(");
        return (details > 0 ? text.substring(0, details) : text).replaceAll("[.\\s]+$", "");
    }
}
