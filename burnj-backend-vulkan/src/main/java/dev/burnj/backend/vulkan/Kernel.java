package dev.burnj.backend.vulkan;

/**
 * A compiled compute pipeline: its descriptor-set layout ({@code bindings} storage buffers, binding 0 holding the
 * int parameters) and pipeline layout. Created once per distinct GLSL source by {@link Kernels}.
 */
record Kernel(String name, long pipeline, long pipelineLayout, long setLayout, int bindings) {}
