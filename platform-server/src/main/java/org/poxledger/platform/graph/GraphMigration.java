package org.poxledger.platform.graph;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One schema migration file, {@code V<version>__<Description_words>.cypher}: statements separated by {@code ;} at the
 * end of a line, {@code //} comment lines ignored. The checksum covers the text with line endings normalised, so a
 * checkout on Windows does not look like an edited migration.
 *
 * @param version ordering number, unique across files
 * @param description the file name's words, e.g. {@code Member constraints}
 * @param checksum hex SHA-256 of the normalised text
 * @param statements the Cypher statements in file order
 */
record GraphMigration(int version, String description, String checksum, List<String> statements) {

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.cypher");

    static GraphMigration parse(String fileName, String text) {
        Matcher name = FILE_NAME.matcher(fileName);
        if (!name.matches()) {
            throw new IllegalStateException("graph migration file " + fileName
                    + " is not named V<version>__<Description>.cypher (letters, digits and _ only)");
        }
        String normalised = text.replace("\r\n", "\n").replace('\r', '\n');
        List<String> statements = statements(normalised);
        if (statements.isEmpty()) {
            throw new IllegalStateException("graph migration file " + fileName + " contains no statement");
        }
        return new GraphMigration(
                Integer.parseInt(name.group(1)), name.group(2).replace('_', ' '), sha256(normalised), statements);
    }

    /** @return e.g. {@code V002 (Invitation constraints)}, for messages */
    String label() {
        return "V%03d (%s)".formatted(version, description);
    }

    private static List<String> statements(String text) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.strip().startsWith("//")) {
                withoutComments.append(line).append('\n');
            }
        }
        List<String> statements = new ArrayList<>();
        // a ';' ends a statement only at the end of a line, so a ';' inside a string literal stays harmless
        for (String statement : withoutComments.toString().split(";[ \\t]*\n")) {
            String trimmed = statement.strip();
            if (trimmed.endsWith(";")) {
                trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
            }
            if (!trimmed.isEmpty()) {
                statements.add(trimmed);
            }
        }
        return statements;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);
        }
    }
}
