export const MedicalDisclaimer = () => (
  <aside class="disclaimer" aria-label="Medical disclaimer">
    <p>
      This article is general information, not medical advice, and does not replace a diagnosis from your doctor. If you have severe or worsening pain,
      numbness, weakness, or loss of bladder or bowel control, seek medical care urgently.
    </p>
  </aside>
)
