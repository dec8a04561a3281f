package io.tcbill.lake;

import java.util.ArrayList;
import java.util.List;

/** The statements of a generated lake script: comment lines dropped, split at a semicolon that ends a line. */
final class LakeScripts {

    private LakeScripts() {
    }

    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.lines().toList()) {
            if (line.startsWith("--") || line.isBlank()) {
                continue;
            }
            current.append(line).append('\n');
            if (line.endsWith(";")) {
                statements.add(current.substring(0, current.lastIndexOf(";")));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalArgumentException("the script ends without a semicolon: " + current);
        }
        return statements;
    }
}
