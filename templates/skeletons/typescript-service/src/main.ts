import { createServer } from 'node:http';
import { handle } from './app.ts';

const port = Number(process.env.PORT ?? ${{ values.port }});
createServer(handle).listen(port, () => {
  console.log(`${{ values.name }} listening on port ${port}`);
});
