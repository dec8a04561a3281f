package io.tcbill.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DataDictionaryTest {

    @Test
    void docsDataDictionaryIsWhatTheSchemaFilesGenerate() throws Exception {
        String generated = DataDictionary.markdown();

        String committed = Files.readString(Path.of("docs/data-dictionary.md"), StandardCharsets.UTF_8);
        assertThat(committed).as("docs/data-dictionary.md is out of date: run `%s` (or java -jar target/tcbill.jar"
                + " dictionary --output docs/data-dictionary.md) and commit it", DataDictionary.COMMAND).isEqualTo(generated);
    }

    @Test
    void everyTableAndViewHasASectionWithItsTypedColumns() {
        String markdown = DataDictionary.markdown();

        for (TableSchema table : TableSchema.readAll()) {
            assertThat(markdown).contains("\n### " + table.name() + "\n");
        }
        for (DerivedView view : DerivedView.readAll()) {
            assertThat(markdown).contains("\n### " + view.name() + "\n");
        }
        assertThat(markdown).contains("| `total_cost` | DECIMAL(38,8) | Total Cost (Including Tax)")
                .contains("| `coverage` | VARCHAR |");
    }
}
