package io.tcbill.cli;

import io.tcbill.partner.FileLanguage;
import io.tcbill.simulator.FileLayout;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine;

/** The converters of the bill file options; a value that is not a choice is a usage error naming the choices. */
final class FileConverters {

    private FileConverters() {
    }

    /** {@code --file-layout 2022|2024|auto}. */
    static final class Layout implements CommandLine.ITypeConverter<FileLayout> {
        @Override
        public FileLayout convert(String value) {
            try {
                return FileLayout.named(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --file-language en|zh_cn}, any case. */
    static final class Language implements CommandLine.ITypeConverter<FileLanguage> {
        @Override
        public FileLanguage convert(String value) {
            String name = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
            return Arrays.stream(FileLanguage.values()).filter(l -> l.name().equals(name)).findFirst()
                    .orElseThrow(() -> new CommandLine.TypeConversionException("the file language must be one of "
                            + Arrays.stream(FileLanguage.values()).map(FileLanguage::code).collect(Collectors.joining(", "))
                            + ", not '" + value + "'"));
        }
    }
}
