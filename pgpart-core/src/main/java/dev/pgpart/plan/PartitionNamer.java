package dev.pgpart.plan;

import dev.pgpart.spec.TableSpec;
import dev.pgpart.sql.QualifiedName;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Child names, pg_partman 5 style by default: {@code <parent>_pYYYYMMDD} (days and longer),
 * {@code <parent>_pYYYYMMDD_HH24MISS} (hours), {@code <parent>_p<lower>} (numbers),
 * {@code <parent>_<suffix>} (list), {@code <parent>_p<remainder>} (hash), {@code <parent>_default}.
 * {@link TableSpec#nameFormat()} replaces the first four with a template using the tokens
 * {@code {parent}}, {@code {lower}}, {@code {lower:PATTERN}} (a {@link DateTimeFormatter} pattern on
 * the lower bound's local date-time), {@code {suffix}} and {@code {remainder}}.
 * Names fit {@value QualifiedName#MAX_IDENTIFIER_BYTES} UTF-8 bytes by shortening the parent part,
 * because PostgreSQL would otherwise truncate them silently and two children could clash.
 */
public record PartitionNamer(QualifiedName parent, Optional<String> format) {
    private static final Pattern TOKEN = Pattern.compile("\\{(parent|lower|suffix|remainder)(?::([^}]*))?}");

    public static PartitionNamer of(TableSpec spec) {
        return new PartitionNamer(spec.table(), spec.nameFormat());
    }

    /** A name before collision numbering: the parent part is the one that gets shortened. */
    public record Template(String prefix, String parentPart, String rest) {
        /** The name with collision number {@code n} ({@code 0} for none, else {@code _n}), fitted to 63 bytes. */
        public String render(int n) {
            String counter = counter(n);
            int fixed = QualifiedName.byteLength(prefix + rest + counter);
            String body = prefix + truncate(parentPart, QualifiedName.MAX_IDENTIFIER_BYTES - fixed) + rest;
            return truncate(body, QualifiedName.MAX_IDENTIFIER_BYTES - QualifiedName.byteLength(counter)) + counter;
        }

        /**
         * A leaf of the partition named {@code render(n)}: {@code <that name><suffix>}, where again
         * only the parent part is shortened to fit 63 bytes, so the bound part (the date) and the
         * suffix that tell leaves apart survive.
         */
        public Template leaf(int n, String suffix) {
            return new Template(prefix, parentPart, rest + counter(n) + suffix);
        }

        private static String counter(int n) {
            return n == 0 ? "" : "_" + n;
        }
    }

    public Template range(RangeDomain domain, long slot) {
        return render(format.orElse("{parent}_p{lower}"), token -> rangeToken(token, domain, slot));
    }

    public Template list(String suffix) {
        return render(format.orElse("{parent}_{suffix}"), t -> t.name.equals("suffix") ? Optional.of(suffix)
                : Optional.empty());
    }

    public Template hash(int remainder) {
        return render(format.orElse("{parent}_p{remainder}"), t -> t.name.equals("remainder")
                ? Optional.of(Integer.toString(remainder)) : Optional.empty());
    }

    public Template defaultPartition() {
        return new Template("", parent.name(), "_default");
    }

    /** Cuts {@code s} to at most {@code maxBytes} UTF-8 bytes without splitting a character. */
    static String truncate(String s, int maxBytes) {
        return QualifiedName.truncateToBytes(s, maxBytes);
    }

    private record Token(String name, Optional<String> pattern) {
    }

    private interface Values {
        Optional<String> of(Token token);
    }

    private static Optional<String> rangeToken(Token t, RangeDomain domain, long slot) {
        if (!t.name.equals("lower")) {
            return Optional.empty();
        }
        if (t.pattern.isPresent() && domain.localLower(slot).isPresent()) {
            DateTimeFormatter f = DateTimeFormatter.ofPattern(t.pattern.get(), Locale.ROOT);
            return Optional.of(f.format(domain.localLower(slot).get()));
        }
        return Optional.of(domain.suffix(slot));
    }

    private Template render(String fmt, Values values) {
        int at = fmt.indexOf("{parent}");
        if (at < 0) {
            return new Template(substitute(fmt, values), "", "");
        }
        return new Template(substitute(fmt.substring(0, at), values), parent.name(),
                substitute(fmt.substring(at + "{parent}".length()), values));
    }

    // Tokens a kind of partition does not have (e.g. {remainder} in a range name) stay verbatim,
    // so a wrong template is visible in the plan rather than silently producing clashing names.
    private String substitute(String text, Values values) {
        Matcher m = TOKEN.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Token token = new Token(m.group(1), Optional.ofNullable(m.group(2)));
            String v = token.name.equals("parent") ? parent.name() : values.of(token).orElse(m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
