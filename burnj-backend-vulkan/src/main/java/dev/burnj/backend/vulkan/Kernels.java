package dev.burnj.backend.vulkan;

import static org.lwjgl.system.MemoryStack.stackPush;
import static org.lwjgl.vulkan.VK10.VK_DESCRIPTOR_TYPE_STORAGE_BUFFER;
import static org.lwjgl.vulkan.VK10.VK_DESCRIPTOR_TYPE_STORAGE_BUFFER_DYNAMIC;
import static org.lwjgl.vulkan.VK10.VK_NULL_HANDLE;
import static org.lwjgl.vulkan.VK10.VK_SHADER_STAGE_COMPUTE_BIT;
import static org.lwjgl.vulkan.VK10.vkCreateComputePipelines;
import static org.lwjgl.vulkan.VK10.vkCreateDescriptorSetLayout;
import static org.lwjgl.vulkan.VK10.vkCreatePipelineLayout;
import static org.lwjgl.vulkan.VK10.vkCreateShaderModule;
import static org.lwjgl.vulkan.VK10.vkDestroyDescriptorSetLayout;
import static org.lwjgl.vulkan.VK10.vkDestroyPipeline;
import static org.lwjgl.vulkan.VK10.vkDestroyPipelineLayout;
import static org.lwjgl.vulkan.VK10.vkDestroyShaderModule;

import java.nio.ByteBuffer;
import java.nio.LongBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.lwjgl.system.MemoryStack;
import org.lwjgl.system.MemoryUtil;
import org.lwjgl.vulkan.VkComputePipelineCreateInfo;
import org.lwjgl.vulkan.VkDescriptorSetLayoutBinding;
import org.lwjgl.vulkan.VkDescriptorSetLayoutCreateInfo;
import org.lwjgl.vulkan.VkDevice;
import org.lwjgl.vulkan.VkPipelineLayoutCreateInfo;
import org.lwjgl.vulkan.VkShaderModuleCreateInfo;

/**
 * The pipeline cache of one device: GLSL source to {@link Kernel}, compiled through {@link SpirvCompiler} on first
 * use. Descriptor-set and pipeline layouts are shared by every kernel with the same number of bindings; binding 0
 * (the parameters) is a dynamic storage buffer, so that one descriptor set serves every dispatch on the same
 * tensors whatever its parameters.
 */
final class Kernels {
    private final VkDevice device;
    private final SpirvCompiler compiler;
    private final Map<String, Kernel> kernels = new ConcurrentHashMap<>();
    private final Map<Integer, long[]> layouts = new ConcurrentHashMap<>();

    Kernels(VkDevice device, SpirvCompiler compiler) {
        this.device = device;
        this.compiler = compiler;
    }

    /** The pipeline for {@code source}, which declares {@code bindings} storage buffers at bindings 0..n-1. */
    Kernel get(String name, String source, int bindings) {
        Kernel k = kernels.get(source);
        if (k != null) {
            return k;
        }
        return kernels.computeIfAbsent(source, s -> create(name, s, bindings));
    }

    void close() {
        for (Kernel k : kernels.values()) {
            vkDestroyPipeline(device, k.pipeline(), null);
        }
        for (long[] l : layouts.values()) {
            vkDestroyPipelineLayout(device, l[1], null);
            vkDestroyDescriptorSetLayout(device, l[0], null);
        }
        kernels.clear();
        layouts.clear();
    }

    private Kernel create(String name, String source, int bindings) {
        byte[] spirv = compiler.spirv(source, name);
        long[] layout = layouts.computeIfAbsent(bindings, this::layout);
        try (MemoryStack stack = stackPush()) {
            ByteBuffer code = MemoryUtil.memAlloc(spirv.length);
            long module;
            try {
                code.put(spirv).flip();
                VkShaderModuleCreateInfo info = VkShaderModuleCreateInfo.calloc(stack).sType$Default().pCode(code);
                LongBuffer out = stack.mallocLong(1);
                Vk.check(vkCreateShaderModule(device, info, null, out), "vkCreateShaderModule(" + name + ")");
                module = out.get(0);
            } finally {
                MemoryUtil.memFree(code);
            }
            try {
                VkComputePipelineCreateInfo.Buffer info = VkComputePipelineCreateInfo.calloc(1, stack);
                info.get(0).sType$Default().layout(layout[1]).stage(s -> s.sType$Default().stage(VK_SHADER_STAGE_COMPUTE_BIT)
                        .module(module).pName(stack.UTF8("main")));
                LongBuffer out = stack.mallocLong(1);
                Vk.check(vkCreateComputePipelines(device, VK_NULL_HANDLE, info, null, out), "vkCreateComputePipelines(" + name + ")");
                return new Kernel(name, out.get(0), layout[1], layout[0], bindings);
            } finally {
                vkDestroyShaderModule(device, module, null);
            }
        }
    }

    private long[] layout(int bindings) {
        try (MemoryStack stack = stackPush()) {
            VkDescriptorSetLayoutBinding.Buffer b = VkDescriptorSetLayoutBinding.calloc(bindings, stack);
            for (int i = 0; i < bindings; i++) {
                b.get(i).binding(i).descriptorType(i == 0 ? VK_DESCRIPTOR_TYPE_STORAGE_BUFFER_DYNAMIC : VK_DESCRIPTOR_TYPE_STORAGE_BUFFER).descriptorCount(1)
                        .stageFlags(VK_SHADER_STAGE_COMPUTE_BIT);
            }
            VkDescriptorSetLayoutCreateInfo info = VkDescriptorSetLayoutCreateInfo.calloc(stack).sType$Default().pBindings(b);
            LongBuffer out = stack.mallocLong(1);
            Vk.check(vkCreateDescriptorSetLayout(device, info, null, out), "vkCreateDescriptorSetLayout");
            long set = out.get(0);
            VkPipelineLayoutCreateInfo pl = VkPipelineLayoutCreateInfo.calloc(stack).sType$Default().pSetLayouts(stack.longs(set));
            Vk.check(vkCreatePipelineLayout(device, pl, null, out), "vkCreatePipelineLayout");
            return new long[] {set, out.get(0)};
        }
    }
}
