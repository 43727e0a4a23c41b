package dev.pgpart.archive;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import dev.pgpart.spec.ArchiveSpec;
import dev.pgpart.sql.QualifiedName;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Writes and reads manifests with PostgreSQL's own JSON functions (the core has no JSON library):
 * every value goes in as a bind parameter, so escaping is PostgreSQL's, and reading is its parser's.
 */
final class ManifestSql {
    private static final String BUILD = "SELECT jsonb_pretty(jsonb_build_object("
            + "'format', ?::text, 'parent', ?::text, 'partition', ?::text, 'bound', ?::text, 'location', ?::text,"
            + " 'columns', (SELECT coalesce(jsonb_agg(jsonb_build_object('name', n, 'type', t, 'typmod', m, 'not_null', nn,"
            + "   'generated', g, 'generated_kind', k, 'exported', g IS NULL) ORDER BY o), '[]')"
            + "   FROM unnest(?::text[], ?::text[], ?::int[], ?::bool[], ?::text[], ?::text[]) WITH ORDINALITY AS x(n, t, m, nn, g, k, o)),"
            + " 'indexes', (SELECT coalesce(jsonb_agg(jsonb_build_object('name', xn, 'unique', xu, 'definition', xd,"
            + "   'using', xs) ORDER BY o), '[]') FROM unnest(?::text[], ?::bool[], ?::text[], ?::text[]) WITH ORDINALITY AS y(xn, xu, xd, xs, o)),"
            + " 'create_table', ?::text, 'copy', ?::text, 'compression', ?::text, 'rows', ?::bigint, 'bytes', ?::bigint,"
            + " 'raw_bytes', ?::bigint,"
            + " 'parts', (SELECT coalesce(jsonb_agg(jsonb_build_object('key', pk, 'bytes', pb, 'rows', pr, 'sha256', ph) ORDER BY o), '[]')"
            + "   FROM unnest(?::text[], ?::bigint[], ?::bigint[], ?::text[]) WITH ORDINALITY AS p(pk, pb, pr, ph, o)),"
            + " 'checksum', jsonb_build_object('algorithm', ?::text, 'rows', ?::bigint, 'value', ?::text),"
            + " 'pgpart_version', ?::text, 'postgresql_version', current_setting('server_version'),"
            + " 'exported_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')))";

    private static final String PARSE = "SELECT m->>'format', m->>'parent', m->>'partition', m->>'bound', m->>'create_table',"
            + " m->>'compression', (m->>'rows')::bigint, (m->>'bytes')::bigint, (m->>'raw_bytes')::bigint,"
            + " (m->'checksum'->>'rows')::bigint, m->'checksum'->>'value', m->'checksum'->>'algorithm', m->>'exported_at',"
            + " ARRAY(SELECT p->>'key' FROM jsonb_array_elements(m->'parts') WITH ORDINALITY e(p, o) ORDER BY o),"
            + " ARRAY(SELECT (p->>'bytes')::bigint FROM jsonb_array_elements(m->'parts') WITH ORDINALITY e(p, o) ORDER BY o),"
            + " ARRAY(SELECT (p->>'rows')::bigint FROM jsonb_array_elements(m->'parts') WITH ORDINALITY e(p, o) ORDER BY o),"
            + " ARRAY(SELECT p->>'sha256' FROM jsonb_array_elements(m->'parts') WITH ORDINALITY e(p, o) ORDER BY o),"
            + " ARRAY(SELECT x->>'name' FROM jsonb_array_elements(m->'columns') WITH ORDINALITY e(x, o) ORDER BY o),"
            + " ARRAY(SELECT x->>'type' FROM jsonb_array_elements(m->'columns') WITH ORDINALITY e(x, o) ORDER BY o),"
            + " ARRAY(SELECT (x->>'typmod')::int FROM jsonb_array_elements(m->'columns') WITH ORDINALITY e(x, o) ORDER BY o),"
            + " ARRAY(SELECT (x->>'not_null')::bool FROM jsonb_array_elements(m->'columns') WITH ORDINALITY e(x, o) ORDER BY o),"
            + " ARRAY(SELECT x->>'generated' FROM jsonb_array_elements(m->'columns') WITH ORDINALITY e(x, o) ORDER BY o),"
            + " ARRAY(SELECT x->>'generated_kind' FROM jsonb_array_elements(m->'columns') WITH ORDINALITY e(x, o) ORDER BY o),"
            // manifests written before indexes were archived have none
            + " ARRAY(SELECT x->>'name' FROM jsonb_array_elements(coalesce(m->'indexes', '[]')) WITH ORDINALITY e(x, o) ORDER BY o),"
            + " ARRAY(SELECT (x->>'unique')::bool FROM jsonb_array_elements(coalesce(m->'indexes', '[]')) WITH ORDINALITY e(x, o) ORDER BY o),"
            + " ARRAY(SELECT x->>'definition' FROM jsonb_array_elements(coalesce(m->'indexes', '[]')) WITH ORDINALITY e(x, o) ORDER BY o),"
            + " ARRAY(SELECT x->>'using' FROM jsonb_array_elements(coalesce(m->'indexes', '[]')) WITH ORDINALITY e(x, o) ORDER BY o)"
            + " FROM (SELECT ?::jsonb AS m) s";

    private ManifestSql() {
    }

    record Input(QualifiedName parent, QualifiedName partition, String bound, String location, List<ColumnDef> columns,
                 List<IndexDef> indexes,
                 ArchiveSpec.Compression compression, PartWriter.Result export, RowChecksum.Value checksum,
                 RowHash hash, String pgpartVersion) {
    }

    static String build(Connection c, Input in) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(BUILD)) {
            int i = 0;
            ps.setString(++i, Manifest.FORMAT);
            ps.setString(++i, in.parent().toString());
            ps.setString(++i, in.partition().toString());
            ps.setString(++i, in.bound());
            ps.setString(++i, in.location());
            List<ColumnDef> cols = in.columns();
            ps.setArray(++i, c.createArrayOf("text", cols.stream().map(ColumnDef::name).toArray()));
            ps.setArray(++i, c.createArrayOf("text", cols.stream().map(ColumnDef::type).toArray()));
            ps.setArray(++i, c.createArrayOf("int4", cols.stream().map(ColumnDef::typmod).toArray()));
            ps.setArray(++i, c.createArrayOf("bool", cols.stream().map(ColumnDef::notNull).toArray()));
            ps.setArray(++i, c.createArrayOf("text", cols.stream().map(x -> x.generated().orElse(null)).toArray()));
            ps.setArray(++i, c.createArrayOf("text", cols.stream().map(x -> x.generatedKind().orElse(null)).toArray()));
            List<IndexDef> ix = in.indexes();
            ps.setArray(++i, c.createArrayOf("text", ix.stream().map(IndexDef::name).toArray()));
            ps.setArray(++i, c.createArrayOf("bool", ix.stream().map(IndexDef::unique).toArray()));
            ps.setArray(++i, c.createArrayOf("text", ix.stream().map(IndexDef::definition).toArray()));
            ps.setArray(++i, c.createArrayOf("text", ix.stream().map(IndexDef::using).toArray()));
            ps.setString(++i, TableColumns.createTable(in.partition(), cols));
            ps.setString(++i, "COPY " + in.partition().sql() + " (" + TableColumns.copyList(cols) + ") FROM STDIN WITH (FORMAT csv)");
            ps.setString(++i, in.compression().key());
            PartWriter.Result r = in.export();
            ps.setLong(++i, in.checksum().rows());
            ps.setLong(++i, r.bytes());
            ps.setLong(++i, r.rawBytes());
            ps.setArray(++i, c.createArrayOf("text", r.parts().stream().map(PartInfo::key).toArray()));
            ps.setArray(++i, c.createArrayOf("int8", r.parts().stream().map(PartInfo::bytes).toArray()));
            ps.setArray(++i, c.createArrayOf("int8", r.parts().stream().map(PartInfo::rows).toArray()));
            ps.setArray(++i, c.createArrayOf("text", r.parts().stream().map(PartInfo::sha256).toArray()));
            ps.setString(++i, in.hash().key());
            ps.setLong(++i, in.checksum().rows());
            ps.setString(++i, in.checksum().sum());
            ps.setString(++i, in.pgpartVersion());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** @throws PgpartException UNSAFE when the text is not a manifest this pgpart can read */
    static Manifest parse(Connection c, String json, String where) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PARSE)) {
            ps.setString(1, json);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!Manifest.FORMAT.equals(rs.getString(1))) {
                    throw new PgpartException(ErrorCode.UNSAFE, "the manifest " + where + " has format " + rs.getString(1)
                            + "; this pgpart reads " + Manifest.FORMAT + ". Nothing was changed");
                }
                RowHash hash = RowHash.of(rs.getString(12), where);
                return new Manifest(QualifiedName.parse(rs.getString(2)), QualifiedName.parse(rs.getString(3)), rs.getString(4),
                        columns(rs), rs.getString(5), ArchiveSpec.Compression.valueOf(rs.getString(6).toUpperCase(Locale.ROOT)),
                        rs.getLong(7), rs.getLong(8), rs.getLong(9), parts(rs),
                        new RowChecksum.Value(rs.getLong(10), rs.getString(11)), hash, indexes(rs), rs.getString(13), json);
            }
        } catch (SQLException e) {
            if ("22P02".equals(e.getSQLState()) || "22023".equals(e.getSQLState())) {
                throw new PgpartException(ErrorCode.UNSAFE, "the manifest " + where + " is not valid JSON: "
                        + e.getMessage() + ". Nothing was changed", e);
            }
            throw e;
        }
    }

    private static List<PartInfo> parts(ResultSet rs) throws SQLException {
        String[] keys = strings(rs.getArray(14));
        Long[] bytes = (Long[]) rs.getArray(15).getArray();
        Long[] rows = (Long[]) rs.getArray(16).getArray();
        String[] sha = strings(rs.getArray(17));
        List<PartInfo> out = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            out.add(new PartInfo(keys[i], bytes[i], rows[i], sha[i]));
        }
        return out;
    }

    private static List<IndexDef> indexes(ResultSet rs) throws SQLException {
        String[] names = strings(rs.getArray(24));
        Boolean[] unique = (Boolean[]) rs.getArray(25).getArray();
        String[] defs = strings(rs.getArray(26));
        String[] using = strings(rs.getArray(27));
        List<IndexDef> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            out.add(new IndexDef(names[i], unique[i], defs[i], using[i]));
        }
        return out;
    }

    private static List<ColumnDef> columns(ResultSet rs) throws SQLException {
        String[] names = strings(rs.getArray(18));
        String[] types = strings(rs.getArray(19));
        Integer[] mods = (Integer[]) rs.getArray(20).getArray();
        Boolean[] nn = (Boolean[]) rs.getArray(21).getArray();
        String[] gen = strings(rs.getArray(22));
        String[] kind = strings(rs.getArray(23));
        List<ColumnDef> out = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            out.add(new ColumnDef(names[i], types[i], mods[i], nn[i], Optional.ofNullable(gen[i]), Optional.ofNullable(kind[i])));
        }
        return out;
    }

    private static String[] strings(Array a) throws SQLException {
        return (String[]) a.getArray();
    }
}
