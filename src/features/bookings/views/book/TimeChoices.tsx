import { formatClock, formatDay } from '../../../../platform/dates'
import type { FreeDay } from '../../domain/book-week'

/** The id of a start's control, where the error summary sends focus. */
export const startId = (start: number) => `f-start-${start}`

/**
 * One week's free starts, a fieldset per day: radios when the patient takes
 * one time, checkboxes when they pick up to three for the clinic to confirm.
 */
export const TimeChoices = ({
  days,
  several,
  chosen,
  errors,
}: {
  days: readonly FreeDay[]
  several: boolean
  chosen: readonly number[]
  errors?: readonly string[]
}) => (
  <div class={errors?.length ? 'field field-invalid' : 'field'}>
    {errors?.length ? (
      <p id="f-start-error" class="field-error">
        <span class="visually-hidden">Error: </span>
        {errors.join('. ')}
      </p>
    ) : null}
    {days.map((day) => (
      <fieldset class="time-day" aria-describedby={errors?.length ? 'f-start-error' : undefined}>
        <legend>{formatDay(day.date)}</legend>
        <div class="time-grid">
          {day.starts.map((start) => (
            <div class="choice">
              <input
                id={startId(start)}
                type={several ? 'checkbox' : 'radio'}
                name="start"
                value={String(start)}
                checked={chosen.includes(start)}
                aria-invalid={errors?.length ? 'true' : undefined}
              />
              <label for={startId(start)}>{formatClock(new Date(start))}</label>
            </div>
          ))}
        </div>
      </fieldset>
    ))}
  </div>
)
