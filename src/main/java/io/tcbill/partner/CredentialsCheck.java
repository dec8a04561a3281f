package io.tcbill.partner;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Refuses to start a command that calls the Partner API ({@code run}, {@code backfill}, {@code schedule}: they set
 * {@value ApiProperties#CREDENTIALS_REQUIRED}) without both halves of the key pair, naming the variable to set, so
 * that a missing key is a configuration error at start-up rather than a failed run. Commands that never call the
 * API ({@code status}, {@code backfill --dry-run}) start without a key.
 */
@Component
@ConditionalOnProperty(name = ApiProperties.CREDENTIALS_REQUIRED, havingValue = "true")
final class CredentialsCheck {

    CredentialsCheck(ApiProperties properties) {
        String problem = problem(properties);
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** What is missing, as one line naming the variables to set; null when both are set. Never prints a value. */
    static String problem(ApiProperties properties) {
        List<String> missing = new ArrayList<>();
        if (blank(properties.secretId())) {
            missing.add("TENCENTCLOUD_SECRET_ID");
        }
        if (blank(properties.secretKey())) {
            missing.add("TENCENTCLOUD_SECRET_KEY");
        }
        if (missing.isEmpty()) {
            return null;
        }
        return "no Partner API key: set " + String.join(" and ", missing) + " (the key pair of an API key of the"
                + " partner account; as environment variables, or as files of those names in TCBILL_SECRETS_DIR) and"
                + " run again";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
