package dev.pgpart.spec;

/**
 * One thing wrong with the configuration.
 *
 * @param where   where it is, e.g. {@code pgpart.yml:7 tables."public.orders".interval}
 * @param problem what is wrong, with the observed value
 * @param fix     what to write instead
 */
public record ConfigProblem(String where, String problem, String fix) {
    @Override
    public String toString() {
        return where + ": " + problem + (fix.isEmpty() ? "" : " -> " + fix);
    }
}
