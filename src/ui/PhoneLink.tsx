import { usePractice } from './practice'

/** The clinic's phone number as written, dialled without its spaces. */
export const PhoneLink = () => {
  const { phone } = usePractice()
  return <a href={`tel:${phone.replace(/\s+/g, '')}`}>{phone}</a>
}
