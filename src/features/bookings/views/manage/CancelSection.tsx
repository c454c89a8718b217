import { PhoneLink } from '../../../../ui/PhoneLink'

/**
 * The cancel button while the patient may cancel here; inside the notice
 * window, no button but the number to call instead.
 */
export const CancelSection = ({ action, pageToken, offer }: { action: string; pageToken: string; offer: 'button' | 'call' | 'none' }) => {
  if (offer === 'none') return null
  return (
    <section aria-labelledby="cancel-title">
      <h2 id="cancel-title">Cancel</h2>
      {offer === 'button' ? (
        <form method="post" action={`${action}/cancel`}>
          <input type="hidden" name="pageToken" value={pageToken} />
          <button type="submit" class="button danger">
            Cancel this appointment
          </button>
        </form>
      ) : (
        <p>
          Your appointment is too close to cancel here. To cancel, please call us on <PhoneLink />.
        </p>
      )}
    </section>
  )
}
