package dev.pgpart.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlMaskerTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc:postgresql://h:5432/db?user=app&password=s3cr3t|jdbc:postgresql://h:5432/db?user=app&password=***",
            "jdbc:postgresql://h/db?password=s3cr3t&ssl=true|jdbc:postgresql://h/db?password=***&ssl=true",
            "jdbc:postgresql://h/db?PASSWORD=x&sslpassword=y|jdbc:postgresql://h/db?PASSWORD=***&sslpassword=***",
            "jdbc:postgresql://app:s3cr3t@h:5432/db|jdbc:postgresql://app:***@h:5432/db",
            "jdbc:postgresql://h:5432/db?user=app|jdbc:postgresql://h:5432/db?user=app"})
    void passwordsNeverReachTheScreen(String url, String masked) {
        assertThat(UrlMasker.mask(url)).isEqualTo(masked);
    }
}
