import { turnstileField } from '../../platform/turnstile'

/**
 * The signed render time, a honeypot field people never see or reach, and the
 * Turnstile widget when the site has a key. The honeypot is hidden with CSS and
 * from assistive technology, so only bots fill it.
 */
export const SpamTraps = ({ token, turnstileSiteKey, turnstileAction }: { token: string; turnstileSiteKey?: string; turnstileAction?: string }) => (
  <>
    <input type="hidden" name="started" value={token} />
    <div class="trap" aria-hidden="true">
      <label for="f-website">Leave this field empty</label>
      <input id="f-website" type="text" name="website" tabindex={-1} autocomplete="off" />
    </div>
    {turnstileSiteKey ? (
      <div class="cf-turnstile" data-sitekey={turnstileSiteKey} data-action={turnstileAction} data-response-field-name={turnstileField} />
    ) : null}
  </>
)
