package dev.pgpart.internal.catalog;

import dev.pgpart.api.Bound;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of {@code pg_get_expr(relpartbound, oid)} back into a {@link Bound}. PostgreSQL
 * prints bounds in a small fixed grammar; anything outside it (multi-column ranges) becomes
 * {@link Bound.Unparsed} so callers report it rather than guess.
 */
public final class BoundParser {
    private static final Pattern RANGE = Pattern.compile("FOR VALUES FROM \\((.*)\\) TO \\((.*)\\)", Pattern.DOTALL);
    private static final Pattern IN = Pattern.compile("FOR VALUES IN \\((.*)\\)", Pattern.DOTALL);
    private static final Pattern HASH = Pattern.compile("FOR VALUES WITH \\(modulus (\\d+), remainder (\\d+)\\)");

    private BoundParser() {
    }

    public static Bound parse(String text) {
        String t = text.strip();
        if (t.equals("DEFAULT")) {
            return new Bound.Default();
        }
        Matcher h = HASH.matcher(t);
        if (h.matches()) {
            return new Bound.Hash(Integer.parseInt(h.group(1)), Integer.parseInt(h.group(2)));
        }
        try {
            Matcher r = RANGE.matcher(t);
            if (r.matches()) {
                List<Optional<String>> from = values(r.group(1));
                List<Optional<String>> to = values(r.group(2));
                if (from.size() != 1 || to.size() != 1) {
                    return new Bound.Unparsed(t);
                }
                return new Bound.Range(from.get(0), to.get(0));
            }
            Matcher in = IN.matcher(t);
            if (in.matches()) {
                return new Bound.In(values(in.group(1)));
            }
        } catch (IllegalArgumentException e) {
            return new Bound.Unparsed(t);
        }
        return new Bound.Unparsed(t);
    }

    /**
     * Splits a comma-separated value list. Quoted literals lose their quotes; bare NULL, MINVALUE
     * and MAXVALUE become empty; bare numbers and booleans stay as written.
     */
    static List<Optional<String>> values(String list) {
        List<Optional<String>> out = new ArrayList<>();
        int i = 0;
        int n = list.length();
        while (i < n) {
            char c = list.charAt(i);
            if (c == ' ' || c == ',') {
                i++;
                continue;
            }
            if (c == '\'') {
                StringBuilder v = new StringBuilder();
                int j = i + 1;
                while (true) {
                    if (j >= n) {
                        throw new IllegalArgumentException("unterminated literal");
                    }
                    if (list.charAt(j) == '\'') {
                        if (j + 1 < n && list.charAt(j + 1) == '\'') {
                            v.append('\'');
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    v.append(list.charAt(j++));
                }
                out.add(Optional.of(v.toString()));
                i = skipCast(list, j + 1);
                continue;
            }
            int j = i;
            while (j < n && list.charAt(j) != ',') {
                j++;
            }
            String word = list.substring(i, j).strip();
            int cast = word.indexOf("::");
            if (cast >= 0) {
                word = word.substring(0, cast);
            }
            String upper = word.toUpperCase(Locale.ROOT);
            if (upper.equals("NULL") || upper.equals("MINVALUE") || upper.equals("MAXVALUE")) {
                out.add(Optional.empty());
            } else {
                out.add(Optional.of(word));
            }
            i = j;
        }
        return out;
    }

    private static int skipCast(String s, int i) {
        if (i + 1 < s.length() && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
            int j = i + 2;
            while (j < s.length() && s.charAt(j) != ',') {
                j++;
            }
            return j;
        }
        return i;
    }
}
