/** Where a patient goes when no time suits: the waitlist for this treatment, or a message to the clinic. */
export const NothingSuits = ({ treatment, quiet }: { treatment: string; quiet: boolean }) =>
  quiet ? (
    <p class="nothing-suits">
      None of these times suit? <a href={`/waitlist/join?treatment=${encodeURIComponent(treatment)}`}>Join the waitlist</a> and we offer you a time that frees
      up, or <a href="/contact">send us a message</a>.
    </p>
  ) : (
    <>
      <p>
        <a href={`/waitlist/join?treatment=${encodeURIComponent(treatment)}`}>Join the waitlist</a>: we email you when a time that suits you frees up.
      </p>
      <p>
        Or <a href="/contact">send us a message</a> and we find a time together.
      </p>
    </>
  )
