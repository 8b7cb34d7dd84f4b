package io.github.cdcverify.stack.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/**
 * A plugin jar as a user builds one, for a worker's plugin path: an SMT's class and its ServiceLoader manifest. The
 * classes of this package are on no worker's class path by themselves (no manifest lists them there).
 */
public final class PluginJar {

    private PluginJar() {
    }

    /** Writes {@code jar} holding {@code transformation}; returns it. */
    public static Path withTransformation(Path jar, Class<?> transformation) throws IOException {
        String classFile = transformation.getName().replace('.', '/') + ".class";
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             InputStream bytes = transformation.getClassLoader().getResourceAsStream(classFile)) {
            out.putNextEntry(new JarEntry(classFile));
            bytes.transferTo(out);
            out.closeEntry();
            out.putNextEntry(new JarEntry("META-INF/services/org.apache.kafka.connect.transforms.Transformation"));
            out.write((transformation.getName() + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
