package dev.pgpart.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code pgpart --version}: the jar's implementation version, when packaged. */
final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"pgpart " + (v == null ? "development build" : v),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
    }
}
