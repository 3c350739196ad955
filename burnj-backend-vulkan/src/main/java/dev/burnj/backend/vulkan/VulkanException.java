package dev.burnj.backend.vulkan;

/** A failed Vulkan call or a device limit that an op cannot work within. */
public final class VulkanException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public VulkanException(String message) {
        super(message);
    }
}
