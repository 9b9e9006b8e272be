#include "CarMaterials.h"

#include "Shapes.h"

namespace render::gen {

using nlohmann::json;

void addCarMaterials(GlbBuilder& glb) {
    json paint = pbr(0.86f, 0.87f, 0.87f, 0.0f, 0.35f);
    paint["extensions"]["KHR_materials_clearcoat"] = {{"clearcoatFactor", 1.0}, {"clearcoatRoughnessFactor", 0.03}};
    paint["doubleSided"] = true;
    glb.addMaterial("paint", paint);
    json glass = pbr(0.02f, 0.025f, 0.03f, 0.0f, 0.04f);
    glass["pbrMetallicRoughness"]["baseColorFactor"][3] = 0.45;
    glass["alphaMode"] = "BLEND";
    glass["doubleSided"] = true;
    glb.addMaterial("glass", glass);
    json trim = pbr(0.025f, 0.025f, 0.027f, 0.0f, 0.45f);
    trim["doubleSided"] = true;
    glb.addMaterial("trim-black", trim);
    json head = pbr(0.9f, 0.9f, 0.9f, 0.0f, 0.1f);
    head["emissiveFactor"] = {1.0, 0.98, 0.95};
    head["extensions"]["KHR_materials_emissive_strength"] = {{"emissiveStrength", 4.0}};
    glb.addMaterial("headlight", head);
    json tail = pbr(0.35f, 0.0f, 0.0f, 0.0f, 0.15f);
    tail["emissiveFactor"] = {1.0, 0.02, 0.01};
    tail["extensions"]["KHR_materials_emissive_strength"] = {{"emissiveStrength", 3.0}};
    glb.addMaterial("taillight", tail);
    glb.addMaterial("tyre", pbr(0.03f, 0.03f, 0.032f, 0.0f, 0.85f));
    glb.addMaterial("rim-silver", pbr(0.80f, 0.81f, 0.82f, 1.0f, 0.22f));
    glb.addMaterial("rim-dark", pbr(0.16f, 0.165f, 0.17f, 1.0f, 0.3f));
    glb.addMaterial("brake-disc", pbr(0.45f, 0.45f, 0.45f, 1.0f, 0.5f));
    glb.addMaterial("calliper", pbr(0.62f, 0.04f, 0.03f, 0.0f, 0.35f));
    json leather = pbr(0.15f, 0.125f, 0.105f, 0.0f, 0.55f);
    glb.addMaterial("interior-leather", leather);
    glb.addMaterial("interior-dark", pbr(0.035f, 0.035f, 0.038f, 0.0f, 0.6f));
    json screen = pbr(0.01f, 0.01f, 0.012f, 0.0f, 0.1f);
    screen["emissiveFactor"] = {0.08, 0.16, 0.3};
    glb.addMaterial("screen", screen);
}

}  // namespace render::gen
