package dev.burnj.backend.vulkan;

import dev.burnj.backend.Backends;

/** Prints what {@link Backends} says about vulkan, for {@link AvailabilityTest}'s child JVMs. */
public final class ProbeMain {
    private ProbeMain() {}

    public static void main(String[] args) {
        for (Backends.Info info : Backends.list()) {
            System.out.println("LIST " + info.name() + " " + info.available() + " " + info.reason());
        }
        System.out.println("DEFAULT " + Backends.defaultBackendName());
        try {
            Backends.get("vulkan");
            System.out.println("GET ok");
        } catch (RuntimeException e) {
            System.out.println("GET " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
