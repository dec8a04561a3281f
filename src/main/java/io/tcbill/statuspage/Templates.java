package io.tcbill.statuspage;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The pages' Mustache templates ({@code io/tcbill/statuspage/*.mustache}, with the {@code header} and {@code footer}
 * partials). {@code {{value}}} is HTML-escaped (quotes and apostrophes included, so values are safe in attributes
 * too); a null value renders empty, a name no value has fails the page (a typo is not silently blank).
 */
final class Templates {

    private static final String DIR = "io/tcbill/statuspage/";

    private final Template grid;
    private final Template month;

    Templates() {
        Mustache.Compiler compiler = Mustache.compiler().escapeHTML(true).nullValue("")
                .withLoader(name -> new StringReader(read(name + ".mustache")));
        this.grid = compiler.compile(read("grid.mustache"));
        this.month = compiler.compile(read("month.mustache"));
    }

    String grid(Grid data) {
        return grid.execute(data);
    }

    String month(MonthDetail data) {
        return month.execute(data);
    }

    private static String read(String name) {
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("the status page template " + DIR + name + " is not in the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the status page template " + name, e);
        }
    }
}
