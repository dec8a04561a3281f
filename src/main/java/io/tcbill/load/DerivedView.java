package io.tcbill.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * A view over the table views, as declared by a {@code schema/views/<name>.sql} file on the classpath
 * ({@code CREATE OR REPLACE VIEW <name> AS ...}); created after the table views, in file-name order. A string literal
 * {@code '{{tcbill.x.y}}'} in the file is a setting, replaced by the setting's value as a SQL literal (the file without
 * replacement is still valid SQL); an unknown setting fails.
 */
record DerivedView(String file, String name, String sql) {

    private static final Pattern VIEW = Pattern.compile("(?i)CREATE\\s+OR\\s+REPLACE\\s+VIEW\\s+(\\w+)");
    private static final Pattern SETTING = Pattern.compile("'\\{\\{([a-z0-9.-]+)}}'");

    /** The views with the default settings ({@link FocusProperties#defaults()}). */
    static List<DerivedView> readAll() {
        return readAll(FocusProperties.defaults().viewSettings());
    }

    static List<DerivedView> readAll(Map<String, String> settings) {
        try {
            List<DerivedView> views = new ArrayList<>();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:schema/views/*.sql")) {
                String sql = withSettings(resource.getFilename(), resource.getContentAsString(StandardCharsets.UTF_8), settings);
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

    static String withSettings(String file, String sql, Map<String, String> settings) {
        Matcher setting = SETTING.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (setting.find()) {
            String value = settings.get(setting.group(1));
            if (value == null) {
                throw new IllegalStateException("schema/views/" + file + " uses the unknown setting " + setting.group(1)
                        + "; known: " + new TreeSet<>(settings.keySet()));
            }
            setting.appendReplacement(out, Matcher.quoteReplacement(Sql.literal(value)));
        }
        return setting.appendTail(out).toString();
    }
}
