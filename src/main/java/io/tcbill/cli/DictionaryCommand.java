package io.tcbill.cli;

import io.tcbill.load.DataDictionary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code tcbill dictionary}: the data dictionary of the analysts' DuckDB file (every table, view and column with its type
 * and description), generated from the comments of {@code schema/}. Needs no configuration, storage or metadata.
 */
@Command(name = "dictionary", mixinStandardHelpOptions = true,
        description = {
            "Prints the data dictionary of the DuckDB file's tables and views.",
            "",
            "Every table and view, each column with its type and description.",
            "Generated from the comments of schema/*.sql and schema/views/*.sql, the same text as the file's COMMENT ONs;"
                    + " docs/data-dictionary.md is its output."},
        footer = ExitCodes.HELP_FOOTER)
final class DictionaryCommand implements Callable<Integer> {

    @Option(names = "--output", paramLabel = "FILE", description = "Write it to FILE (e.g. docs/data-dictionary.md) instead of standard output.")
    Path output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String markdown = DataDictionary.markdown();
        if (output == null) {
            spec.commandLine().getOut().print(markdown);
            spec.commandLine().getOut().flush();
        } else {
            Path parent = output.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(output, markdown, StandardCharsets.UTF_8);
            spec.commandLine().getErr().println("wrote " + output);
        }
        return ExitCodes.OK;
    }
}
