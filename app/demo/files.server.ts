/**
 * The demo's files: the mentor's circuit sketch and lesson plan under the Ohm's-law answer, made
 * here (a drawing rendered by sharp, a text) and uploaded through the same storeUploads as a
 * teacher's, so a newcomer sees a preview and a document card on the first thread they open.
 */
import sharp from "sharp";
import { storeUploads } from "~/files/attachments.server";

/** A battery, a rheostat and a lamp in one loop, as a teacher draws it on the board. */
const CIRCUIT_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800" viewBox="0 0 1200 800">
  <rect width="1200" height="800" fill="#1f3b2d"/>
  <g stroke="#f4f1e8" stroke-width="8" fill="none" stroke-linecap="round">
    <path d="M200 200 H1000 V600 H200 Z"/>
    <path d="M560 170 V230 M640 140 V260" stroke-width="10"/>
    <rect x="420" y="560" width="360" height="80" fill="#1f3b2d"/>
    <path d="M480 680 L720 520" stroke-width="6"/>
    <circle cx="1000" cy="400" r="70" fill="#1f3b2d"/>
    <path d="M950 350 L1050 450 M1050 350 L950 450" stroke-width="6"/>
    <circle cx="200" cy="400" r="60" fill="#1f3b2d"/>
  </g>
  <g fill="#f4f1e8" font-family="DejaVu Sans, sans-serif" font-size="44">
    <text x="545" y="120">U</text>
    <text x="575" y="720">R</text>
    <text x="1090" y="415">лампа</text>
    <text x="185" y="418">A</text>
    <text x="380" y="360" font-size="64">I = U / R</text>
  </g>
</svg>`;

const LESSON_PLAN = `План урока «Закон Ома», 8 класс (45 минут)

1. Аналогия с водопроводом: давление — напряжение, поток — сила тока, узость трубы — сопротивление (7 мин).
2. Опыт: батарейка, реостат, лампочка, амперметр. Двигаем ползунок, записываем показания в таблицу (15 мин).
3. Вывод формулы I = U / R по таблице, в парах (10 мин).
4. Задачи на карточках трёх уровней (10 мин).
5. Рефлексия: «что было непонятно» на стикерах (3 мин).
`;

/** Uploads the two files as the user's and returns their attachment ids, for an answer to carry. */
export async function demoCircuitFiles(userId: number): Promise<number[]> {
  const sketch = await sharp(Buffer.from(CIRCUIT_SVG)).jpeg({ quality: 85 }).toBuffer();
  const { ids, errors } = await storeUploads(
    userId,
    [new File([new Uint8Array(sketch)], "Схема цепи с реостатом.jpg"), new File([LESSON_PLAN], "План урока — закон Ома.txt")],
    "ru",
  );
  if (errors.length) throw new Error(`demo files: ${errors.join(", ")}`);
  return ids;
}
