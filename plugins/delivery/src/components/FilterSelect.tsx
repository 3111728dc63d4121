import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';

/** One of the Deployments table's filters: a select with "All" first. */
export const select = (
  label: string,
  value: string | undefined,
  options: Array<{ value: string; label: string }>,
  onChange: (value: string | undefined) => void,
) => (
  <TextField
    select
    label={label}
    value={value ?? ''}
    onChange={event => onChange(event.target.value || undefined)}
    variant="outlined"
    size="small"
    style={{ minWidth: 160 }}
    SelectProps={{ SelectDisplayProps: { 'aria-label': label } as any }}
  >
    <MenuItem value="">All</MenuItem>
    {options.map(option => (
      <MenuItem key={option.value} value={option.value}>
        {option.label}
      </MenuItem>
    ))}
  </TextField>
);
