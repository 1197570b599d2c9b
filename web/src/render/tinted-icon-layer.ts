// An IconLayer that paints each sprite in its point's colour: the image's brightness becomes the
// strength of the colour and dark pixels turn transparent, so white-on-black sprites such as MNIST
// digits read as coloured strokes. Picking is unchanged (it runs after the colour is set).

import { IconLayer } from '@deck.gl/layers';

const ORIGINAL = 'fragColor = vec4(color, a);';
const TINTED = `{
  float lum = dot(texColor.rgb, vec3(0.299, 0.587, 0.114));
  fragColor = vec4(vColor.rgb * (0.45 + 0.55 * lum), a * smoothstep(0.06, 0.35, lum));
  if (fragColor.a < 0.02) discard;
}`;

export class TintedIconLayer<D = unknown> extends IconLayer<D> {
  static layerName = 'TintedIconLayer';

  getShaders() {
    const shaders = super.getShaders();
    if (!shaders.fs.includes(ORIGINAL)) throw new Error('The icon shader changed; the sprite tint no longer applies.');
    return { ...shaders, fs: shaders.fs.replace(ORIGINAL, TINTED) };
  }
}
