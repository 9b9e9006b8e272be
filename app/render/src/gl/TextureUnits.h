#pragma once
// The texture units the renderer's programs sample from, fixed once per program at load time.
namespace render {

enum TextureUnit {
    kUnitBase = 0,  // also the unit of single-texture passes (footprint, post)
    kUnitMr,
    kUnitNormal,
    kUnitOcclusion,
    kUnitEmissive,
    kUnitIrradiance,
    kUnitPrefiltered,
    kUnitBrdf
};

}  // namespace render
