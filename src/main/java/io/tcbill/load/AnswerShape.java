package io.tcbill.load;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the API answers a JSON table reads must hold, declared in the header of {@code schema/json/<table>.sql}
 * (see {@code schema/README.md}), so a renamed or mistyped field fails the file naming it instead of publishing empty
 * or NULL rows:
 *
 * <pre>
 * -- @answer DescribeBillSummaryByRegion once
 * -- @field SummaryOverview array
 * -- @field SummaryOverview[*].RegionId text
 * -- @field SummaryOverview[*].RegionName text optional
 * -- @field SummaryOverview[*].TotalCost money
 * </pre>
 *
 * {@code @answer} names an action and how many of its answers the file must hold per customer ({@code once},
 * {@code some}: at least one, {@code any}); each {@code @field} below it is a path in the answer's {@code Response}
 * ({@code [*]}: every item of an array, which must be declared {@code array} on an earlier line) with a type and
 * whether it may be missing, null or empty ({@code optional}).
 */
final class AnswerShape {

    /** How many answers of an action the file must hold for each customer it covers. */
    enum Count { ONCE, SOME, ANY }

    /** A field's type: its SQL test on the JSON value {@code {v}} and its text {@code {s}}, and how a message says it. */
    enum Type {
        ARRAY("json_type({v}) = 'ARRAY'", "an array"),
        TEXT("json_type({v}) = 'VARCHAR' AND {s} <> ''", "a non-empty string"),
        MONEY("json_type({v}) IN ('VARCHAR', 'BIGINT', 'UBIGINT') AND regexp_full_match({s}, '-?[0-9]{1,30}(\\.[0-9]{1,8})?')",
                "a decimal amount with at most 8 decimals and no exponent"),
        INTEGER("json_type({v}) IN ('VARCHAR', 'BIGINT', 'UBIGINT') AND regexp_full_match({s}, '-?[0-9]{1,19}')"
                + " AND TRY_CAST({s} AS BIGINT) IS NOT NULL", "an integer"),
        TIME("json_type({v}) = 'VARCHAR' AND regexp_full_match({s}, '[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}')"
                + " AND TRY_CAST({s} AS TIMESTAMP) IS NOT NULL", "a time 'YYYY-MM-DD hh:mm:ss'");

        private final String test;
        private final String description;

        Type(String test, String description) {
            this.test = test;
            this.description = description;
        }
    }

    record Field(String path, Type type, boolean optional) {
    }

    record Answer(String action, Count count, List<Field> fields) {
    }

    private static final Pattern ANSWER = Pattern.compile("--\\s*@answer\\s+([A-Za-z]+)\\s+(once|some|any)\\s*");
    private static final Pattern FIELD = Pattern.compile(
            "--\\s*@field\\s+([A-Za-z][A-Za-z0-9_]*(?:\\[\\*])?(?:\\.[A-Za-z][A-Za-z0-9_]*(?:\\[\\*])?)*)\\s+"
                    + "(array|text|money|integer|time)(\\s+optional)?\\s*");

    private final String table;
    private final List<Answer> answers;

    private AnswerShape(String table, List<Answer> answers) {
        this.table = table;
        this.answers = answers;
    }

    /** The shape the header of {@code schema/json/<table>.sql} declares; a malformed declaration fails at once. */
    static AnswerShape parse(String table, String sql) {
        List<Answer> answers = new ArrayList<>();
        Set<String> arrays = new HashSet<>();
        for (String line : sql.lines().map(String::strip).filter(l -> l.matches("--\\s*@.*")).toList()) {
            Matcher answer = ANSWER.matcher(line);
            Matcher field = FIELD.matcher(line);
            if (answer.matches()) {
                answers.add(new Answer(answer.group(1), Count.valueOf(answer.group(2).toUpperCase(Locale.ROOT)),
                        new ArrayList<>()));
                arrays.clear();
            } else if (field.matches() && !answers.isEmpty()) {
                String path = field.group(1);
                Type type = Type.valueOf(field.group(2).toUpperCase(Locale.ROOT));
                if (path.endsWith("[*]")) {
                    throw invalid(table, line, "a field path ends with a name, not [*]");
                }
                for (int i = path.indexOf("[*]"); i >= 0; i = path.indexOf("[*]", i + 1)) {
                    if (!arrays.contains(path.substring(0, i))) {
                        throw invalid(table, line, path.substring(0, i) + " must be declared array on an earlier line");
                    }
                }
                if (type == Type.ARRAY) {
                    arrays.add(path);
                }
                answers.get(answers.size() - 1).fields().add(new Field(path, type, field.group(3) != null));
            } else {
                throw invalid(table, line, "expected '-- @answer <Action> once|some|any' or"
                        + " '-- @field <Path> array|text|money|integer|time [optional]' after an @answer");
            }
        }
        if (answers.isEmpty()) {
            throw new IllegalStateException("schema/json/" + table + ".sql declares no '-- @answer' shape");
        }
        return new AnswerShape(table, List.copyOf(answers));
    }

    List<Answer> answers() {
        return answers;
    }

    /**
     * Fails with a {@link RawFileException} naming the file, line, action, customer and field at the first answer
     * that does not have the declared shape, or when a customer has too few or too many answers of an action.
     *
     * @param answersTable a table of the file's answers: {@code _line}, {@code action}, {@code customer_uin},
     *                     {@code response}
     * @param customers    the customers the file covers (null: the own bill)
     */
    void check(Connection connection, String answersTable, Lineage lineage, Set<Long> customers) throws SQLException {
        for (Answer answer : answers) {
            checkCount(connection, answersTable, lineage, customers, answer);
            // one pass per array level (the answer, every item of X, of X[*].Y, ...), parents before their items
            Map<String, List<Field>> levels = new LinkedHashMap<>();
            answer.fields().forEach(f -> levels.computeIfAbsent(level(f.path()), l -> new ArrayList<>()).add(f));
            for (List<Field> fields : levels.values()) {
                List<List<String>> bad = Sql.query(connection, levelQuery(answersTable, answer.action(), fields));
                if (!bad.isEmpty()) {
                    Field field = fields.get(Math.max(0, Integer.parseInt(bad.get(0).get(4))));
                    throw new RawFileException(describe(lineage, answer.action(), field, bad.get(0)));
                }
            }
        }
    }

    private void checkCount(Connection connection, String answersTable, Lineage lineage, Set<Long> customers,
                            Answer answer) throws SQLException {
        if (answer.count() == Count.ANY) {
            return;
        }
        Map<Long, Long> counts = new HashMap<>();
        for (List<String> row : Sql.query(connection, "SELECT coalesce(customer_uin, " + lineage.customerUinSql()
                + "), count(*) FROM " + answersTable + " WHERE action = " + Sql.literal(answer.action()) + " GROUP BY 1")) {
            counts.put(row.get(0) == null ? null : Long.valueOf(row.get(0)), Long.valueOf(row.get(1)));
        }
        Set<Long> expected = new HashSet<>(customers);
        if (expected.isEmpty()) {
            expected.add(null);
        }
        for (Long customer : expected) {
            long n = counts.getOrDefault(customer, 0L);
            String who = customer == null ? "the own account" : "customer " + customer;
            if (n == 0 || answer.count() == Count.ONCE && n > 1) {
                throw new RawFileException("file " + lineage.sourceKey() + " holds " + (n == 0 ? "no" : String.valueOf(n))
                        + " " + answer.action() + " answer" + (n > 1 ? "s" : "") + " for " + who + " (expected "
                        + (answer.count() == Count.ONCE ? "exactly one" : "at least one") + "), so its "
                        + table + " rows cannot be complete; fetch the file again");
            }
        }
    }

    /** The array level a field is on: its path up to the last {@code [*]}, or "" for a field of the answer itself. */
    private static String level(String path) {
        int last = path.lastIndexOf("[*]");
        return last < 0 ? "" : path.substring(0, last + 3);
    }

    /**
     * The first item (by line and array indices) of one array level where a field is not as declared: its line,
     * customer, indices, the item's JSON type, the index of the first failing field (-1: the item is no object), and
     * that field's JSON type and text; or no row. The answers and each array are parsed once per level.
     */
    private static String levelQuery(String answersTable, String action, List<Field> fields) {
        String[] segments = fields.get(0).path().split("\\.");
        StringBuilder from = new StringBuilder();
        StringBuilder arrays = new StringBuilder();
        List<String> keys = new ArrayList<>();
        String value = "r.response";
        String path = "$";
        String answers = "(SELECT * FROM " + answersTable + " WHERE action = " + Sql.literal(action);
        for (int i = 0; i < segments.length - 1; i++) {
            if (!segments[i].endsWith("[*]")) {
                path += "." + segments[i];
                continue;
            }
            String array = path + "." + segments[i].substring(0, segments[i].length() - 3);
            String alias = "a" + keys.size();
            from.append(", json_each(").append(value).append(", '").append(array).append("') ").append(alias);
            if (keys.isEmpty()) {
                answers += " AND json_type(response, '" + array + "') = 'ARRAY'";
            } else {
                arrays.append(" AND json_type(").append(value).append(", '").append(array).append("') = 'ARRAY'");
            }
            keys.add(alias + ".key");
            value = alias + ".value";
            path = "$";
        }
        String item = keys.isEmpty() ? "'OBJECT'" : "json_type(" + value + ")";
        StringBuilder failing = new StringBuilder("CASE WHEN item IS DISTINCT FROM 'OBJECT' THEN -1");
        StringBuilder leaves = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            String[] names = fields.get(i).path().split("\\.");
            leaves.append(i == 0 ? "" : ", ").append("'").append(path).append(".").append(names[names.length - 1]).append("'");
            failing.append(" WHEN NOT coalesce(").append(test(fields.get(i), "vs[" + (i + 1) + "]"))
                    .append(", false) THEN ").append(i);
        }
        // the item is parsed once for all its fields (json_extract with a list of paths)
        return "SELECT line, customer_uin, keys, item, f, coalesce(json_type(vs[f + 1]), 'MISSING'), left(vs[f + 1] ->> '$', 60)"
                + " FROM (SELECT *, " + failing + " END AS f FROM ("
                + "SELECT r." + AnswerCopy.LINE + " AS line, r.customer_uin, " + (keys.isEmpty() ? "''" : String.join(" || ',' || ", keys))
                + " AS keys, " + item + " AS item, json_extract(" + value + ", [" + leaves + "]) AS vs"
                + " FROM " + answers + ") r" + from + " WHERE true" + arrays + ")) WHERE f IS NOT NULL"
                + " ORDER BY line, keys LIMIT 1";
    }

    /** The SQL test that {@code v}, a field's JSON value (NULL when missing), has the field's type. */
    private static String test(Field field, String v) {
        String s = "(" + v + " ->> '$')";
        String test = field.type().test.replace("{v}", v).replace("{s}", s);
        return !field.optional() ? "(" + test + ")" : "(" + v + " IS NULL OR json_type(" + v + ") = 'NULL' OR (json_type("
                + v + ") = 'VARCHAR' AND " + s + " = '') OR (" + test + "))";
    }

    /** One line: file, line, action, customer, the field with its array indices, what it holds and what it must. */
    private String describe(Lineage lineage, String action, Field field, List<String> bad) {
        String[] indices = bad.get(2).isEmpty() ? new String[0] : bad.get(2).split(",");
        StringBuilder path = new StringBuilder();
        String[] segments = field.path().split("\\.");
        int k = 0;
        String what;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            boolean array = segment.endsWith("[*]") && i < segments.length - 1;
            path.append(i == 0 ? "" : ".").append(array ? segment.substring(0, segment.length() - 3) + "[" + indices[k++] + "]" : segment);
        }
        if (!"OBJECT".equals(bad.get(3))) {
            String item = path.substring(0, path.lastIndexOf("."));
            what = item + " is " + found(bad.get(3), null) + ", not an object";
        } else {
            String text = bad.get(6) == null ? null : bad.get(6).replaceAll("\\p{Cntrl}", "?");
            what = path + " is " + found(bad.get(5), text) + ", not " + field.type().description;
        }
        String customer = bad.get(1) == null ? lineage.customerLabel() : "customer " + bad.get(1);
        return "file " + lineage.sourceKey() + " line " + bad.get(0) + ": the " + action + " answer for " + customer
                + ": " + what + " (shape declared in schema/json/" + table + ".sql); the file is not loaded and the"
                + " customer's earlier rows stay: check the answer, and the declaration if the API changed";
    }

    private static String found(String jsonType, String text) {
        return switch (jsonType) {
            case "MISSING" -> "missing";
            case "NULL" -> "null";
            case "ARRAY" -> "an array";
            case "OBJECT" -> "an object";
            case "BOOLEAN" -> text == null ? "a boolean" : text;
            default -> text == null ? (jsonType.equals("VARCHAR") ? "a string" : "a number") : "'" + text + "'";
        };
    }

    private static IllegalStateException invalid(String table, String line, String why) {
        return new IllegalStateException("schema/json/" + table + ".sql: " + why + ": " + line);
    }
}
