package io.tcbill.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A view over the table views, as declared by a {@code schema/views/<name>.sql} file on the classpath
 * ({@code CREATE OR REPLACE VIEW <name> AS ...}); created after the table views, in file-name order.
 */
record DerivedView(String file, String name, String sql) {

    private static final Pattern VIEW = Pattern.compile("(?i)CREATE\\s+OR\\s+REPLACE\\s+VIEW\\s+(\\w+)");

    static List<DerivedView> readAll() {
        try {
            List<DerivedView> views = new ArrayList<>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:schema/views/*.sql")) {
                String sql = resource.getContentAsString(StandardCharsets.UTF_8);
                Matcher view = VIEW.matcher(sql);
                if (!view.find()) {
                    throw new IllegalStateException("schema/views/" + resource.getFilename()
                            + " has no 'CREATE OR REPLACE VIEW <name> AS ...'");
                }
                views.add(new DerivedView(String.valueOf(resource.getFilename()), view.group(1).toLowerCase(), sql));
            }
            views.sort(Comparator.comparing(DerivedView::file));
            return List.copyOf(views);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the view files under schema/views/", e);
        }
    }
}
