import { describe, expect, it } from 'vitest';
import { adapterSummary, describeAdapter } from './webgpu-adapter.js';

describe('describeAdapter', () => {
  it('reads GPUAdapterInfo and takes the fallback flag as software', () => {
    const a = describeAdapter({
      info: { vendor: 'google', architecture: 'swiftshader', device: 'swiftshader-device-subzero-', description: 'SwiftShader driver 5.0.0', isFallbackAdapter: true },
    });
    expect(a).toEqual({
      vendor: 'google',
      architecture: 'swiftshader',
      device: 'swiftshader-device-subzero-',
      description: 'SwiftShader driver 5.0.0',
      software: true,
    });
    expect(adapterSummary(a)).toBe('google swiftshader (SwiftShader driver 5.0.0), software');
  });

  it('recognises CPU drivers by name where the fallback flag is missing', () => {
    expect(describeAdapter({ info: { vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' } }).software).toBe(true);
    expect(describeAdapter({ info: { vendor: 'microsoft', description: 'Microsoft Basic Render Driver' } }).software).toBe(true);
    expect(describeAdapter({ info: { vendor: 'google', architecture: 'swiftshader' } }).software).toBe(true);
    expect(describeAdapter({ isFallbackAdapter: true }).software).toBe(true);
  });

  it('takes a hardware adapter as hardware, and tolerates missing fields', () => {
    const a = describeAdapter({ info: { vendor: 'nvidia', architecture: 'hopper', isFallbackAdapter: false } });
    expect(a).toEqual({ vendor: 'nvidia', architecture: 'hopper', device: '', description: '', software: false });
    expect(adapterSummary(a)).toBe('nvidia hopper');
    expect(describeAdapter({})).toEqual({ vendor: '', architecture: '', device: '', description: '', software: false });
    expect(adapterSummary(describeAdapter({}))).toBe('unnamed adapter');
    // 'warp' only as a word (a vendor string such as 'warpdrive' is not Microsoft's WARP)
    expect(describeAdapter({ info: { vendor: 'warpdrive', description: 'GPU' } }).software).toBe(false);
  });
});
