package dev.pgpart.cli;

import dev.pgpart.api.Bound;
import dev.pgpart.api.ActionResult;
import dev.pgpart.api.MaintenanceListener;
import dev.pgpart.sql.QualifiedName;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code pgpart partition add}: create one partition, moving its rows out of the default. */
@Command(name = "add", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Creates one partition of TABLE: created detached, filled with its rows from the default"
                + " partition, then attached, in one transaction.",
                "Examples:",
                "  pgpart partition add --table orders --from 2027-01-01 --to 2027-02-01",
                "  pgpart partition add --table orders_by_region --in latam --name orders_by_region_latam",
                "  pgpart partition add --table customers --modulus 8 --remainder 3",
                "  pgpart partition add --table orders --default"})
final class PartitionAddCommand implements Callable<Integer> {
    @ParentCommand
    PartitionCommand parent;

    @Option(names = "--table", required = true, paramLabel = "TABLE", converter = Converters.TableName.class,
            description = "The partitioned parent.")
    QualifiedName table;

    @ArgGroup(exclusive = true, multiplicity = "1")
    BoundOptions bound;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the new partition (default: pgpart's naming).")
    String name;

    @Mixin
    JsonOption json;

    static final class BoundOptions {
        @ArgGroup(exclusive = false)
        RangeOptions range;

        @Option(names = "--in", arity = "1..*", paramLabel = "VALUE", description = "LIST values.")
        List<String> in;

        @ArgGroup(exclusive = false)
        HashOptions hash;

        @Option(names = "--default", description = "The DEFAULT partition.")
        boolean isDefault;
    }

    static final class RangeOptions {
        @Option(names = "--from", required = true, paramLabel = "X", description = "RANGE lower bound, inclusive (or MINVALUE).")
        String from;

        @Option(names = "--to", required = true, paramLabel = "Y", description = "RANGE upper bound, exclusive (or MAXVALUE).")
        String to;
    }

    static final class HashOptions {
        @Option(names = "--modulus", required = true, paramLabel = "M", description = "HASH modulus.")
        int modulus;

        @Option(names = "--remainder", required = true, paramLabel = "R", description = "HASH remainder.")
        int remainder;
    }

    @Override
    public Integer call() {
        Main main = parent.main;
        ActionResult result = main.pgpart(main.spec(false), MaintenanceListener.NONE)
                .addPartition(table, bound(), Optional.ofNullable(name));
        return PartitionResults.render(main, "partition add", json.on(), result);
    }

    Bound bound() {
        if (bound.range != null) {
            return new Bound.Range(side(bound.range.from, "MINVALUE"), side(bound.range.to, "MAXVALUE"));
        }
        if (bound.in != null) {
            return new Bound.In(bound.in.stream().map(Optional::of).toList());
        }
        if (bound.hash != null) {
            return new Bound.Hash(bound.hash.modulus, bound.hash.remainder);
        }
        return new Bound.Default();
    }

    private static Optional<String> side(String value, String unbounded) {
        return value.toUpperCase(Locale.ROOT).equals(unbounded) ? Optional.empty() : Optional.of(value);
    }
}
