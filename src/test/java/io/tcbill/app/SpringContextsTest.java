package io.tcbill.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.tcbill.job.JobProperties;
import io.tcbill.partner.ApiProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class SpringContextsTest {

    @Test
    void aRoleThatIsNotOneOfTheChoicesIsNamedWithTheChoices() {
        Throwable failure = bindFailure("tcbill.api", "tcbill.api.role", "distributor", ApiProperties.class);

        assertThat(SpringContexts.describe(new IllegalStateException("context failed", failure)))
                .isEqualTo("could not start: tcbill.api.role is 'distributor'; use one of customer, reseller");
    }

    @Test
    void aFileLanguageThatIsNotOneOfTheChoicesIsNamedWithTheChoices() {
        Throwable failure = bindFailure("tcbill.api", "tcbill.api.file-language", "fr", ApiProperties.class);

        assertThat(SpringContexts.describe(new IllegalStateException("context failed", failure)))
                .isEqualTo("could not start: tcbill.api.file-language is 'fr'; use one of en, zh_cn");
    }

    @Test
    void theFileLanguageIsEnglishUnlessSetAndTakesTheApiSpelling() {
        assertThat(new Binder(new MapConfigurationPropertySource(Map.of("tcbill.api.role", "reseller")))
                .bindOrCreate("tcbill.api", ApiProperties.class).fileLanguage().code()).isEqualTo("en");
        assertThat(new Binder(new MapConfigurationPropertySource(Map.of("tcbill.api.file-language", "zh_cn")))
                .bindOrCreate("tcbill.api", ApiProperties.class).fileLanguage().code()).isEqualTo("zh_cn");
    }

    @Test
    void resellerBillsThatAreNotOneOfTheChoicesAreNamedWithTheChoices() {
        Throwable failure = bindFailure("tcbill.job", "tcbill.job.reseller-bills", "zip", JobProperties.class);

        assertThat(SpringContexts.describe(failure))
                .isEqualTo("could not start: tcbill.job.reseller-bills is 'zip'; use one of files, pack");
    }

    @Test
    void aValueThatIsNotOfTheSettingsTypeNamesTheSettingAndTheType() {
        Throwable failure = bindFailure("tcbill.job", "tcbill.job.concurrency", "many", JobProperties.class);

        assertThat(SpringContexts.describe(failure)).isEqualTo(
                "could not start: tcbill.job.concurrency is 'many', which is not a valid int (For input string: \"many\")");
    }

    @Test
    void theValueOfASettingNamedLikeASecretIsNeverRepeated() {
        Throwable failure = bindFailure("x", "x.secret-rotation", "s3cr3t-like", Vault.class);

        assertThat(SpringContexts.describe(failure)).doesNotContain("s3cr3t-like")
                .startsWith("could not start: x.secret-rotation is not a valid Duration");
    }

    /** A setting whose name says it is a secret's, of a type a mistyped secret would not convert to. */
    record Vault(java.time.Duration secretRotation) {
    }

    @Test
    void anyOtherFailureIsItsInnermostMessage() {
        Throwable failure = bindFailure("tcbill.job", "tcbill.job.concurrency", "0", JobProperties.class);

        assertThat(SpringContexts.describe(failure))
                .isEqualTo("could not start: tcbill.job.concurrency must be between 1 and 256, was 0");
    }

    private static Throwable bindFailure(String prefix, String key, String value, Class<?> type) {
        return catchThrowable(() -> new Binder(new MapConfigurationPropertySource(Map.of(key, value)))
                .bindOrCreate(prefix, type));
    }
}
