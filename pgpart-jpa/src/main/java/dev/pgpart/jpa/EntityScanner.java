package dev.pgpart.jpa;

import dev.pgpart.ErrorCode;
import dev.pgpart.PgpartException;
import jakarta.persistence.Entity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** Finds the {@code @Entity} classes of a package (and its sub-packages) on a class loader. */
public final class EntityScanner {
    private EntityScanner() {
    }

    /**
     * The entity classes of a scan, sorted by name (so the output never depends on the order of the class
     * path), and the classes that could not be loaded (a Spring repository whose framework is not on the
     * class path), each with why: they are named, never silently left out.
     */
    public record Scan(List<Class<?>> entities, List<String> skipped) {
        public Scan {
            entities = List.copyOf(entities);
            skipped = List.copyOf(skipped);
        }
    }

    public static Scan entities(ClassLoader loader, String packageName) {
        String path = packageName.replace('.', '/');
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(path);
            while (roots.hasMoreElements()) {
                names.addAll(classNames(roots.nextElement(), path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list package " + packageName + ": " + e.getMessage(), e);
        }
        List<Class<?>> out = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String n : names) {
            try {
                Class<?> c = Class.forName(n, false, loader);
                if (c.isAnnotationPresent(Entity.class)) {
                    out.add(c);
                }
            } catch (ClassNotFoundException | LinkageError e) {
                skipped.add(n + " (" + e + ")");
            }
        }
        return new Scan(out, skipped);
    }

    /** A class by name, with a message that says where it was looked for. */
    public static Class<?> load(ClassLoader loader, String name) {
        try {
            return Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new PgpartException(ErrorCode.CONFIG, "cannot load entity class " + name + ": " + e
                    + " -> put the compiled entities and their dependencies on the class path (--classpath)");
        }
    }

    private static List<String> classNames(URL root, String path) throws IOException {
        if (root.getProtocol().equals("jar")) {
            JarURLConnection jar = (JarURLConnection) root.openConnection();
            jar.setUseCaches(false);
            try (JarFile file = jar.getJarFile()) {
                return file.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith(path + "/") && n.endsWith(".class") && !n.contains("$"))
                        .map(n -> n.substring(0, n.length() - 6).replace('/', '.')).toList();
            }
        }
        Path dir;
        try {
            dir = Path.of(root.toURI());
        } catch (URISyntaxException e) {
            throw new IOException("unreadable class path entry " + root, e);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            String prefix = path.replace('/', '.');
            return files.map(p -> dir.relativize(p).toString().replace(java.io.File.separatorChar, '.'))
                    .filter(n -> n.endsWith(".class") && !n.contains("$"))
                    .map(n -> prefix + "." + n.substring(0, n.length() - 6)).toList();
        }
    }
}
