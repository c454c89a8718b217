import { currentSettings } from '../features/settings'

/** The clinic's phone number as written, dialled without its spaces. */
export const PhoneLink = () => <a href={`tel:${currentSettings().phone.replace(/\s+/g, '')}`}>{currentSettings().phone}</a>
