import { describe, expect, it } from 'vitest'
import {
  type AppointmentAction,
  type AppointmentActor,
  type AppointmentState,
  appointmentActors,
  appointmentStates,
  refuseTransition,
  stateLabels,
  type TransitionRefusal,
  transitions,
} from '../../../../src/features/bookings/domain/states'

/*
 * The table as the README states it, written out by hand: a change to the
 * transitions in src/features/bookings/domain/states.ts fails here until this spec (and the
 * README) say the same.
 */
const spec: Record<AppointmentAction, { from: AppointmentState[]; to: AppointmentState; by: AppointmentActor[]; start: 'any' | 'before' | 'after' }> = {
  propose: { from: ['requested', 'proposed'], to: 'proposed', by: ['practitioner'], start: 'any' },
  confirm: { from: ['requested', 'proposed'], to: 'confirmed', by: ['practitioner'], start: 'any' },
  choose: { from: ['proposed'], to: 'confirmed', by: ['patient'], start: 'any' },
  move: { from: ['confirmed'], to: 'confirmed', by: ['practitioner'], start: 'before' },
  ask: { from: ['proposed'], to: 'requested', by: ['patient'], start: 'any' },
  askAgain: { from: ['confirmed'], to: 'confirmed', by: ['patient'], start: 'before' },
  decline: { from: ['requested', 'proposed'], to: 'declined', by: ['practitioner'], start: 'any' },
  expire: { from: ['requested', 'proposed'], to: 'expired', by: ['system'], start: 'any' },
  cancel: { from: ['requested', 'proposed', 'confirmed'], to: 'cancelled', by: ['practitioner', 'patient'], start: 'before' },
  attended: { from: ['confirmed'], to: 'attended', by: ['practitioner'], start: 'after' },
  noShow: { from: ['confirmed'], to: 'no-show', by: ['practitioner'], start: 'after' },
  lateCancelled: { from: ['confirmed'], to: 'late-cancelled', by: ['practitioner'], start: 'after' },
}

const now = new Date('2027-06-16T17:00:00Z')
const starts = {
  'no start yet': null,
  'start ahead': new Date(now.getTime() + 60_000),
  'start now': now,
  'start passed': new Date(now.getTime() - 60_000),
} as const

function expected(action: AppointmentAction, state: AppointmentState | null, actor: AppointmentActor, start: Date | null): TransitionRefusal | null {
  const rule = spec[action]
  if (!rule.by.includes(actor)) return 'not-allowed'
  if (state === null || !rule.from.includes(state)) return 'wrong-state'
  const started = start !== null && start <= now
  if (rule.start === 'before' && started) return 'started'
  if (rule.start === 'after' && !started) return 'not-started'
  return null
}

describe('refuseTransition over the whole table', () => {
  it('knows exactly the actions and target states the spec lists', () => {
    expect(Object.keys(transitions).sort()).toEqual(Object.keys(spec).sort())
    for (const [action, rule] of Object.entries(spec)) expect(transitions[action as AppointmentAction].to, action).toBe(rule.to)
  })

  it.each(Object.keys(spec) as AppointmentAction[])('%s: from every state, by every actor, at every point around the start', (action) => {
    for (const state of [...appointmentStates, null]) {
      for (const actor of appointmentActors) {
        for (const [when, start] of Object.entries(starts)) {
          expect(refuseTransition(action, { state, actor, now, start }), `${state} by ${actor}, ${when}`).toBe(expected(action, state, actor, start))
        }
      }
    }
  })

  it('says who may not before what state, and the state before the start', () => {
    expect(refuseTransition('choose', { state: 'cancelled', actor: 'practitioner', now, start: null })).toBe('not-allowed')
    expect(refuseTransition('move', { state: 'attended', actor: 'practitioner', now, start: starts['start passed'] })).toBe('wrong-state')
    expect(refuseTransition('noShow', { state: 'cancelled', actor: 'practitioner', now, start: starts['start passed'] })).toBe('wrong-state')
  })
})

describe('stateLabels', () => {
  it('puts every state in words', () => {
    for (const state of appointmentStates) expect(stateLabels[state].length, state).toBeGreaterThan(3)
    expect(new Set(Object.values(stateLabels)).size).toBe(appointmentStates.length)
  })
})
