import { fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { CellLink } from './CellLink';

function Where() {
  return <output>{useLocation().pathname}</output>;
}

function app() {
  return render(
    <MemoryRouter initialEntries={['/catalog']}>
      <CellLink to="/catalog/default/component/checkout/slos" title="why">
        72%
      </CellLink>
      <Routes>
        <Route path="*" element={<Where />} />
      </Routes>
    </MemoryRouter>,
  );
}

describe('CellLink', () => {
  it('is an anchor to the path, keeping the attributes given', () => {
    app();
    const link = screen.getByRole('link', { name: '72%' });
    expect(link).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/slos',
    );
    expect(link).toHaveAttribute('title', 'why');
  });

  it("navigates with the app's router on a plain click", () => {
    app();
    fireEvent.click(screen.getByRole('link', { name: '72%' }));
    expect(screen.getByRole('status')).toHaveTextContent(
      '/catalog/default/component/checkout/slos',
    );
  });

  it('leaves a modified click to the browser (a new tab)', () => {
    app();
    fireEvent.click(screen.getByRole('link', { name: '72%' }), {
      ctrlKey: true,
    });
    expect(screen.getByRole('status')).toHaveTextContent(/^\/catalog$/);
  });
});
