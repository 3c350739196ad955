package dev.burnj.backend.nd4j;

import dev.burnj.backend.Backend;
import dev.burnj.backend.BackendProvider;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the ND4J CPU backend as {@code "nd4j"}. {@link #availability()} only inspects the class path (no native
 * library is loaded): it needs ND4J's classes and the JavaCPP native jar for this OS and architecture (its oneDNN build or the plain one).
 */
public final class Nd4jBackendProvider implements BackendProvider {
    private static final Logger LOG = LoggerFactory.getLogger(Nd4jBackendProvider.class);
    private static final String ND4J_CLASS = "org.nd4j.linalg.factory.Nd4j";
    private static final String NATIVE_BACKEND_CLASS = "org.nd4j.linalg.cpu.nativecpu.CpuBackend";

    @Override
    public String name() {
        return "nd4j";
    }

    @Override
    public Availability availability() {
        ClassLoader loader = loader();
        if (loader.getResource(ND4J_CLASS.replace('.', '/') + ".class") == null) {
            return Availability.no("ND4J is not on the class path (add org.nd4j:nd4j-native)");
        }
        if (loader.getResource(NATIVE_BACKEND_CLASS.replace('.', '/') + ".class") == null) {
            return Availability.no("the ND4J CPU backend org.nd4j:nd4j-native is not on the class path");
        }
        String platform = platform();
        // The natives jar of a platform holds the JNI library at org/nd4j/linalg/cpu/nativecpu/bindings/<platform><extension>/;
        // JavaCPP loads the first extension it finds, the oneDNN build before the plain one.
        for (String extension : new String[] {"-onednn", ""}) {
            String natives = "org/nd4j/linalg/cpu/nativecpu/bindings/" + platform + extension + "/" + System.mapLibraryName("jnind4jcpu");
            if (loader.getResource(natives) != null) {
                return Availability.yes();
            }
        }
        return Availability.no("no ND4J native library for platform " + platform + " on the class path (add org.nd4j:nd4j-native with "
                + "classifier " + platform + "-onednn or " + platform + ", e.g. -Djavacpp.platform=" + platform + ")");
    }

    @Override
    public Backend create() {
        LOG.debug("loading ND4J native CPU backend for {}", platform());
        // Touching Nd4j loads the natives and initialises the executioner once, here rather than on the first op.
        org.nd4j.linalg.factory.Nd4j.getExecutioner();
        Threading.configure();
        OneDnn.configure();
        return new Nd4jBackend();
    }

    /** JavaCPP's platform name for this JVM, e.g. {@code linux-x86_64} or {@code macosx-arm64}. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String osName = os.startsWith("windows") ? "windows" : os.startsWith("mac") ? "macosx" : os.startsWith("linux") ? "linux" : os;
        String archName = switch (arch) {
            case "amd64", "x86-64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm64";
            case "x86", "i386", "i486", "i586", "i686" -> "x86";
            default -> arch;
        };
        return osName + "-" + archName;
    }

    private static ClassLoader loader() {
        ClassLoader cl = Thread.currentThread().getContextClassLoader();
        return cl != null ? cl : Nd4jBackendProvider.class.getClassLoader();
    }
}
