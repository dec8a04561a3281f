package io.tcbill.lake;

import io.tcbill.load.SchemaContract.Table;
import io.tcbill.load.SchemaContract.View;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The portable subset of SQL the views of {@code schema/views/} are written in, and its mechanical translation per
 * engine: comments dropped; for Spark, {@code "x"} becomes {@code `x`}, VARCHAR becomes STRING, a quote or backslash in a
 * string literal is escaped with a backslash, and a view becomes a
 * temporary view (it reads the tables' temporary views); DuckDB and Trino take the SQL as it is. A view using a
 * construct outside the subset is refused, naming the view and the construct, rather than translated into something
 * that may answer differently.
 */
final class PortableSql {

    /** Thrown when views use constructs outside the portable subset; the message names each view and construct. */
    static final class NotPortableException extends RuntimeException {
        NotPortableException(String message) {
            super(message);
        }
    }

    private record Rule(Pattern pattern, String why) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("(?i)\\bILIKE\\b"), "ILIKE (write lower(x) LIKE '%x%')"),
            new Rule(Pattern.compile("(?i)\\bany_value\\s*\\("), "any_value() (write min() or max())"),
            new Rule(Pattern.compile("::"), ":: cast (write CAST(x AS T))"),
            new Rule(Pattern.compile("(?i)\\b(strftime|strptime|list_\\w+|struct_\\w+|array_\\w+|regexp_\\w+|epoch\\w*)\\s*\\("),
                    "a DuckDB-only function"),
            new Rule(Pattern.compile("(?i)\\bGROUP\\s+BY\\s+ALL\\b"), "GROUP BY ALL"),
            new Rule(Pattern.compile("(?i)\\bEXCLUDE\\b"), "EXCLUDE"),
            new Rule(Pattern.compile("(?i)\\bQUALIFY\\b"), "QUALIFY"),
            new Rule(Pattern.compile("(?i)\\bFILTER\\s*\\("), "a FILTER clause"),
            new Rule(Pattern.compile("#\\d"), "a #n column reference"),
            new Rule(Pattern.compile("(?i)\\bINTERVAL\\s+(?!'s'\\s+(YEAR|MONTH|DAY|HOUR|MINUTE|SECOND)\\b)"),
                    "an INTERVAL not written INTERVAL 'n' UNIT (quoted number, singular unit)"),
            new Rule(Pattern.compile("(?i)\\bAS\\s+(INTEGER|INT|DOUBLE|FLOAT|REAL|TEXT|STRING|HUGEINT|UBIGINT|TIMESTAMPTZ"
                    + "|JSON|UUID|BLOB)\\b"), "a cast to a type outside VARCHAR, BIGINT, DECIMAL, DATE, TIMESTAMP, BOOLEAN"));
    private static final Pattern DATE_PLUS_INTERVAL = Pattern.compile("(?i)(\\w+)\\s*[-+]\\s*INTERVAL\\b");
    private static final Pattern VIEW = Pattern.compile("(?i)^CREATE\\s+OR\\s+REPLACE\\s+VIEW\\b");
    private static final Pattern VARCHAR = Pattern.compile("(?i)\\bVARCHAR\\b");
    private static final Pattern DECIMAL = Pattern.compile("(?i)DECIMAL\\(\\d+,\\s*\\d+\\)");

    private final Set<String> dateColumns;

    PortableSql(List<Table> tables) {
        this.dateColumns = tables.stream().flatMap(t -> t.columns().stream()).filter(c -> c.type().equals("DATE"))
                .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** @throws NotPortableException naming every view and construct outside the portable subset */
    void check(List<View> views) {
        List<String> problems = new ArrayList<>();
        for (View view : views) {
            String code = code(view.sql());
            for (Rule rule : RULES) {
                if (rule.pattern().matcher(code).find()) {
                    problems.add(view.name() + " (schema/views/" + view.file() + "): " + rule.why());
                }
            }
            Matcher date = DATE_PLUS_INTERVAL.matcher(code);
            while (date.find()) {
                if (dateColumns.contains(date.group(1).toLowerCase(Locale.ROOT))) {
                    problems.add(view.name() + " (schema/views/" + view.file() + "): DATE column " + date.group(1)
                            + " +/- INTERVAL (a DATE in Spark and Trino, a TIMESTAMP in DuckDB: write CAST("
                            + date.group(1) + " AS TIMESTAMP) + INTERVAL ...)");
                    break;
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new NotPortableException("views outside the portable SQL subset cannot be created over the lake: "
                    + String.join("; ", problems));
        }
    }

    /** The view's statement for the engine, comments dropped, ending with one semicolon. */
    String translate(View view, LakeViews.Engine engine) {
        StringBuilder out = new StringBuilder();
        for (Token token : tokens(view.sql())) {
            switch (token.kind()) {
                case COMMENT -> { }
                case STRING -> out.append(engine == LakeViews.Engine.SPARK ? sparkString(token.text()) : token.text());
                case IDENTIFIER -> out.append(engine == LakeViews.Engine.SPARK
                        ? "`" + token.text().substring(1, token.text().length() - 1).replace("\"\"", "\"").replace("`", "``") + "`"
                        : token.text());
                case CODE -> out.append(engine == LakeViews.Engine.SPARK
                        ? VARCHAR.matcher(token.text()).replaceAll("STRING") : token.text());
            }
        }
        String sql = out.toString().lines().filter(line -> !line.isBlank()).collect(Collectors.joining("\n")).strip();
        sql = sql.endsWith(";") ? sql : sql + ";";
        if (engine == LakeViews.Engine.SPARK) {
            sql = VIEW.matcher(sql).replaceFirst("CREATE OR REPLACE TEMPORARY VIEW");
        }
        return sql;
    }

    /**
     * A standard SQL string literal as Spark reads the same text: Spark takes {@code 'O''Brien'} as two adjacent
     * literals ({@code OBrien}) and a backslash as an escape, so the quote and the backslash are escaped its way.
     */
    static String sparkString(String literal) {
        String text = literal.substring(1, literal.length() - 1).replace("''", "'");
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static String sparkType(String duckDbType) {
        return switch (duckDbType) {
            case "VARCHAR" -> "STRING";
            case "BIGINT", "DATE", "BOOLEAN", "DOUBLE" -> duckDbType;
            case "INTEGER" -> "INT";
            case "TIMESTAMP" -> "TIMESTAMP_NTZ";
            default -> decimal(duckDbType, "Spark");
        };
    }

    static String trinoType(String duckDbType) {
        return switch (duckDbType) {
            case "VARCHAR", "BIGINT", "INTEGER", "DATE", "BOOLEAN", "DOUBLE", "TIMESTAMP" -> duckDbType;
            default -> decimal(duckDbType, "Trino");
        };
    }

    private static String decimal(String type, String engine) {
        if (DECIMAL.matcher(type).matches()) {
            return type.replace(" ", "");
        }
        throw new NotPortableException("no " + engine + " type for the DuckDB column type " + type
                + " (the lake views know VARCHAR, BIGINT, INTEGER, DOUBLE, BOOLEAN, DATE, TIMESTAMP and DECIMAL(p,s))");
    }

    /** The SQL with comments dropped and every string literal's text replaced by {@code s}, for the checks. */
    private static String code(String sql) {
        StringBuilder code = new StringBuilder();
        for (Token token : tokens(sql)) {
            switch (token.kind()) {
                case COMMENT -> code.append(' ');
                case STRING -> code.append("'s'");
                case IDENTIFIER, CODE -> code.append(token.text());
            }
        }
        return code.toString();
    }

    private enum Kind { CODE, STRING, IDENTIFIER, COMMENT }

    private record Token(Kind kind, String text) {
    }

    /** Splits SQL into code, 'string literals', "quoted identifiers" and -- comments (to the end of the line). */
    private static List<Token> tokens(String sql) {
        List<Token> tokens = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int end;
            Kind kind;
            if (c == '\'' || c == '"') {
                end = closing(sql, i, c);
                kind = c == '\'' ? Kind.STRING : Kind.IDENTIFIER;
            } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
                int newline = sql.indexOf('\n', i);
                end = newline < 0 ? sql.length() : newline;
                kind = Kind.COMMENT;
            } else {
                i++;
                continue;
            }
            if (start < i) {
                tokens.add(new Token(Kind.CODE, sql.substring(start, i)));
            }
            tokens.add(new Token(kind, sql.substring(i, end)));
            start = end;
            i = end;
        }
        if (start < sql.length()) {
            tokens.add(new Token(Kind.CODE, sql.substring(start)));
        }
        return tokens;
    }

    /** The index after the quote closing the one at {@code open} (a doubled quote is part of the text). */
    private static int closing(String sql, int open, char quote) {
        int i = open + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new NotPortableException("unterminated " + (quote == '\'' ? "string literal" : "quoted identifier")
                + " in: " + sql.substring(open, Math.min(sql.length(), open + 60)));
    }
}
