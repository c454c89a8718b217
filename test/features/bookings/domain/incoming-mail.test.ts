import { describe, expect, it } from 'vitest'
import { htmlAsText } from '../../../../src/features/bookings/domain/html-text'
import {
  automatedReason,
  boundReply,
  cutQuotedHistory,
  isReplyAddressOpen,
  maxReplyChars,
  replyAddressOpenUntil,
} from '../../../../src/features/bookings/domain/incoming-mail'

describe('cutting the quoted history under a reply', () => {
  it('Gmail: "On … wrote:" wrapped over two lines, and the quote under it', () => {
    const text = [
      'Tuesday at 10 suits me.',
      '',
      'Thanks,',
      'Jamie',
      '',
      'On Mon, Jan 3, 2073 at 9:00 AM Acupuncture Clinic <',
      'replies+yawuz8xz-3f9c0a1b2c3d4e5f6a7b@clinic.example.com> wrote:',
      '',
      '> Hello Jamie,',
      '>',
      '> Would Tuesday at 10 suit you?',
      '>',
    ].join('\r\n')
    expect(cutQuotedHistory(text)).toBe('Tuesday at 10 suits me.\n\nThanks,\nJamie')
  })

  it('Apple Mail: "On 3 Jan 2073, at 09:00, … wrote:" and a "Sent from my iPhone" kept', () => {
    const text = [
      'Yes please, the later one.',
      '',
      'Sent from my iPhone',
      '',
      '> On 3 Jan 2073, at 09:00, Acupuncture Clinic <replies+yawuz8xz-3f9c0a1b2c3d4e5f6a7b@clinic.example.com> wrote:',
      '> ',
      '> Would Tuesday at 10 suit you?',
    ].join('\n')
    expect(cutQuotedHistory(text)).toBe('Yes please, the later one.\n\nSent from my iPhone')
  })

  it('Apple Mail unquoted: "On … wrote:" on its own line', () => {
    expect(cutQuotedHistory('Fine by me.\n\nOn 3 Jan 2073, at 09:00, Clinic <a@b.c> wrote:\n\nWould Tuesday suit you?')).toBe('Fine by me.')
  })

  it('Outlook: the separator line and its From / Sent block', () => {
    const text = [
      'I can come on Thursday instead.',
      '',
      '________________________________',
      'From: Acupuncture Clinic <notifications@clinic.example.com>',
      'Sent: Monday, January 3, 2073 9:00 AM',
      'To: Jamie Patient <jamie@example.org>',
      'Subject: Your request YAWUZ8XZ',
      '',
      'Would Tuesday at 10 suit you?',
    ].join('\r\n')
    expect(cutQuotedHistory(text)).toBe('I can come on Thursday instead.')
  })

  it('Outlook without a separator, and "-----Original Message-----"', () => {
    expect(cutQuotedHistory('Thursday.\n\nFrom: Clinic <a@b.c>\nDate: Monday, January 3, 2073\nSubject: Re: times\n\nWould Tuesday suit?')).toBe('Thursday.')
    expect(cutQuotedHistory('Thursday.\n\n-----Original Message-----\nFrom: Clinic\nWould Tuesday suit?')).toBe('Thursday.')
  })

  it('a trailing block of > lines, the signature under "-- ", and quotes inside the text kept', () => {
    const text = ['> Is parking free?', 'Yes, two hours.', '', '-- ', 'Jamie Patient', '555 0100', '', '> Older text', '> more'].join('\n')
    expect(cutQuotedHistory(text)).toBe('> Is parking free?\nYes, two hours.')
  })

  it('keeps the whole text when cutting would leave nothing, and leaves a plain message as it is', () => {
    expect(cutQuotedHistory('> Would Tuesday suit?\n> Yes')).toBe('> Would Tuesday suit?\n> Yes')
    expect(cutQuotedHistory('On Tuesday I can come at 10.\nFrom: Monday on I am free.')).toBe('On Tuesday I can come at 10.\nFrom: Monday on I am free.')
  })
})

describe('an HTML-only email as text', () => {
  it('Gmail: paragraphs, line breaks, entities, and its quote as > lines', () => {
    const html =
      '<html><head><style>p{color:red}</style></head><body><div dir="ltr">Thursday&nbsp;works <b>too</b>.<br>Fish &amp; chips?</div><br>' +
      '<div class="gmail_quote"><div dir="ltr" class="gmail_attr">On Mon, Jan 3, 2073 at 9:00 AM Clinic &lt;a@b.c&gt; wrote:<br></div>' +
      '<blockquote class="gmail_quote"><p>Would Tuesday suit?</p></blockquote></div></body></html>'
    expect(htmlAsText(html)).toBe('Thursday works too.\nFish & chips?\n\nOn Mon, Jan 3, 2073 at 9:00 AM Clinic <a@b.c> wrote:\n\n> Would Tuesday suit?')
    expect(cutQuotedHistory(htmlAsText(html))).toBe('Thursday works too.\nFish & chips?')
  })

  it('Outlook: its reply header block in bold is cut like the text one', () => {
    const html =
      '<div>See you Thursday.</div><hr><div id="divRplyFwdMsg"><b>From:</b> Clinic &lt;a@b.c&gt;<br><b>Sent:</b> Monday, January 3, 2073 9:00 AM<br><b>Subject:</b> Times</div><div>Would Tuesday suit?</div>'
    expect(cutQuotedHistory(htmlAsText(html))).toBe('See you Thursday.')
  })

  it('stays linear and keeps the text of unclosed tags', () => {
    expect(htmlAsText('a < b and <3')).toBe('a < b and <3')
    expect(htmlAsText('<'.repeat(200_000)).length).toBe(200_000)
  })
})

describe('bounding a reply', () => {
  it(`keeps ${maxReplyChars} characters and marks a longer one shortened`, () => {
    expect(boundReply('x'.repeat(maxReplyChars))).toBe('x'.repeat(maxReplyChars))
    expect(boundReply(`${'x'.repeat(maxReplyChars)}y`)).toBe(`${'x'.repeat(maxReplyChars)}\n(shortened)`)
  })
})

describe('telling a machine’s mail from a person’s', () => {
  const person = (headers: Record<string, string>, envelopeFrom = 'jamie@example.org') => automatedReason({ envelopeFrom, headers: new Headers(headers) })

  it('a person’s reply, Auto-Submitted: no included', () => {
    expect(person({ from: 'Jamie <jamie@example.org>', 'content-type': 'text/plain' })).toBeNull()
    expect(person({ 'auto-submitted': 'No' })).toBeNull()
    expect(person({ precedence: 'first-class' })).toBeNull()
  })

  it('each sign of an auto-reply or a bounce', () => {
    expect(person({ 'auto-submitted': 'auto-replied' })).toBe('auto-submitted')
    expect(person({ 'auto-submitted': 'auto-generated; owner-email="x@y.z"' })).toBe('auto-submitted')
    expect(person({}, '')).toBe('null-sender')
    expect(person({}, '<>')).toBe('null-sender')
    expect(person({ 'return-path': '<>' })).toBe('null-sender')
    expect(person({ 'content-type': 'multipart/report; report-type=delivery-status; boundary="x"' })).toBe('delivery-report')
    expect(person({ 'x-autoreply': 'yes' })).toBe('auto-reply')
    expect(person({ 'x-autorespond': 'Vacation' })).toBe('auto-reply')
    for (const precedence of ['bulk', 'junk', 'auto_reply', 'List']) expect(person({ precedence })).toBe('bulk')
    expect(person({ from: 'Mail Delivery System <MAILER-DAEMON@mx.example.org>' })).toBe('mailer-daemon')
    expect(person({}, 'postmaster@mx.example.org')).toBe('mailer-daemon')
  })
})

describe('how long a reply address stays open', () => {
  const created = new Date('2073-01-10T12:00:00Z')
  const day = 86_400_000

  it('90 days after the request when nothing happened since', () => {
    const activity = { createdAt: created, appointmentStart: null, lastEmailToPatient: null }
    expect(replyAddressOpenUntil(activity)).toEqual(new Date('2073-04-10T12:00:00Z'))
    expect(isReplyAddressOpen(activity, new Date(created.getTime() + 90 * day - 1))).toBe(true)
    expect(isReplyAddressOpen(activity, new Date(created.getTime() + 90 * day))).toBe(false)
  })

  it('90 days after the latest of the clinic’s last email and the appointment', () => {
    const emailed = new Date('2073-03-01T12:00:00Z')
    const appointment = new Date('2073-05-01T16:00:00Z')
    expect(replyAddressOpenUntil({ createdAt: created, appointmentStart: null, lastEmailToPatient: emailed })).toEqual(new Date('2073-05-30T12:00:00Z'))
    expect(replyAddressOpenUntil({ createdAt: created, appointmentStart: appointment, lastEmailToPatient: emailed })).toEqual(new Date('2073-07-30T16:00:00Z'))
  })
})
