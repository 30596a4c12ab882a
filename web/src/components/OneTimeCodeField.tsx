// The field a six-digit one-time code is typed into (the sign-in's text message, a change of where
// notices go): the phone offers the code it just received (autocomplete one-time-code), a number pad
// (inputMode numeric), and no more than six digits.
import { Field } from './ui.tsx';

export function OneTimeCodeField({ label, error, value, onChange }: { label: string; error: string | null; value: string; onChange: (code: string) => void }) {
  return (
    <Field label={label} error={error}>
      {(p) => <input {...p} name="code" autoFocus autoComplete="one-time-code" inputMode="numeric" maxLength={6} value={value} onChange={(e) => onChange(e.target.value)} className="code-input" />}
    </Field>
  );
}
